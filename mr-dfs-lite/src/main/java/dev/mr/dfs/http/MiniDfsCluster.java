package dev.mr.dfs.http;


import static dev.mr.dfs.http.VertxFutures.await;

import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.CredentialsException;
import dev.mr.security.http.AuthHandler;
import dev.mr.security.http.HttpsOptions;
import dev.mr.security.BaseUrl;
import io.vertx.core.http.HttpServerOptions;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.client.DfsClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole store in this JVM on loopback: the master part and N chunk servers, each on its own
 * HTTP server (port 0) and directory under {@code base}. For tests and demonstrations; the
 * daemons host the same {@link DfsMaster} and {@link ChunkServer} classes. A chunk server can
 * be killed (its server closed, no goodbye) and restarted on its disk; the master can be
 * restarted on the same port and journal. A failed journal write does not end this JVM: the
 * master refuses changes from then on, and the reason is logged and kept ({@link #failStops}).
 *
 * <p>Methods block until done; call them from one (non event-loop) thread.
 */
public final class MiniDfsCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MiniDfsCluster.class);
    private static final String HOST = "127.0.0.1";

    private final Vertx vertx;
    private final Path base;
    private final DfsSettings settings;
    private final ClusterSecurity security;
    private DfsMaster master;
    private HttpServer masterServer;
    private int masterPort;
    private final List<Node> nodes = new ArrayList<>();
    private final List<DfsClient> clients = new ArrayList<>();
    private final List<String> failStops = new CopyOnWriteArrayList<>();

    private static final class Node {
        final Path dir;
        ChunkServer server;
        HttpServer http;

        Node(Path dir) {
            this.dir = dir;
        }
    }

    /** Secured with the secret this JVM's settings name ({@code mr.secret.file}), else one of its own in {@code base/secret}. */
    private MiniDfsCluster(Path base, DfsSettings settings) throws CredentialsException {
        this.security = ClusterSecurity.forDaemon(false, null, k -> null, base.resolve("secret"));
        this.vertx = Vertx.vertx();
        this.base = base;
        this.settings = settings;
    }

    public static MiniDfsCluster start(Path base, int chunkServers, DfsSettings settings) throws IOException {
        MiniDfsCluster c = new MiniDfsCluster(base, settings);
        try {
            c.startMaster(0);
            for (int i = 0; i < chunkServers; i++) c.addChunkServer();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void startMaster(int port) throws IOException {
        master = new DfsMaster(vertx, base.resolve("master"), settings, security, (reason, cause) -> {
            LOG.error("fail-stop (an in-process cluster: the JVM goes on): {}", reason, cause);
            failStops.add(reason);
        });
        Router router = Router.router(vertx);
        AuthHandler.install(router, security, DfsMaster.ACCESS);
        master.mount(router);
        await(master.start());
        masterServer = await(ServerLimits.defaults().createServer(vertx, HttpsOptions.of(security, new HttpServerOptions())).requestHandler(router)
                .listen(port, HOST));
        masterPort = masterServer.actualPort();
    }

    public String masterUrl() {
        return BaseUrl.of(security.scheme(), HOST, masterPort);
    }

    public DfsMaster master() {
        return master;
    }

    /** The reasons the master's journal gave for stopping, oldest first; empty while it is healthy. */
    public List<String> failStops() {
        return List.copyOf(failStops);
    }

    /** What this cluster's daemons hold: its keys and their credentials. */
    public ClusterSecurity security() {
        return security;
    }

    public DfsSettings settings() {
        return settings;
    }

    /**
     * A new client of this cluster, closed with it. It runs on no chunk server's host as far as
     * writes go: every replica goes over HTTP and the master places them as it likes (this JVM's
     * chunk servers stand for separate hosts). It still reads a replica whose directory it can
     * see straight from disk ({@link DfsSettings#SHORT_CIRCUIT}). A test that wants a writer on a
     * server's host gives a client of its own a {@link LocalServers} holding that server's store.
     */
    public synchronized DfsClient client() {
        DfsClient c = new DfsClient(masterUrl(), settings, security.credentials(), new LocalServers());
        clients.add(c);
        return c;
    }

    /** A new client with other settings (e.g. without short-circuit reads), closed with the cluster. */
    public synchronized DfsClient client(DfsSettings clientSettings) {
        DfsClient c = new DfsClient(masterUrl(), clientSettings, security.credentials(), new LocalServers());
        clients.add(c);
        return c;
    }

    public int size() {
        return nodes.size();
    }

    /** Starts one more chunk server; returns its index. */
    public int addChunkServer() throws IOException {
        Node n = new Node(base.resolve("chunks-" + nodes.size()));
        nodes.add(n);
        startNode(n);
        return nodes.size() - 1;
    }

    private void startNode(Node n) throws IOException {
        n.server = new ChunkServer(vertx, n.dir, masterUrl(), settings, security.credentials());
        Router router = Router.router(vertx);
        AuthHandler.install(router, security, ChunkServer.ACCESS);
        n.server.mount(router);
        n.http = await(ServerLimits.defaults().createServer(vertx, HttpsOptions.of(security, ChunkServer.httpOptions())).requestHandler(router)
                .listen(0, HOST));
        await(n.server.start(HOST + ":" + n.http.actualPort()));
    }

    public ChunkServer chunkServer(int i) {
        return nodes.get(i).server;
    }

    public Path chunkDir(int i) {
        return nodes.get(i).dir;
    }

    public boolean running(int i) {
        return nodes.get(i).http != null;
    }

    /** Stops a chunk server the hard way: heartbeats stop and its port closes, with no word to the master. */
    public void killChunkServer(int i) throws IOException {
        Node n = nodes.get(i);
        await(n.server.stop());
        await(n.http.close());
        n.http = null;
    }

    /** Starts a killed chunk server again on the same directory (a new port). */
    public void restartChunkServer(int i) throws IOException {
        Node n = nodes.get(i);
        if (n.http != null) throw new IllegalStateException("chunk server " + i + " is running");
        startNode(n);
    }

    /** Stops the master part (its journal closes); chunk servers keep calling its address. */
    public void stopMaster() throws IOException {
        await(masterServer.close());
        await(master.stop());
        masterServer = null;
    }

    /** Starts the master part again on the same port and journal. */
    public void restartMaster() throws IOException {
        if (masterServer != null) stopMaster();
        startMaster(masterPort);
    }

    @Override
    public void close() {
        for (DfsClient c : clients) c.close();
        try {
            for (Node n : nodes) if (n.http != null) killChunkServer(nodes.indexOf(n));
            if (masterServer != null) stopMaster();
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        } finally {
            try {
                await(vertx.close());
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
