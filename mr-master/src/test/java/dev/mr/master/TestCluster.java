package dev.mr.master;

import static dev.mr.api.testing.Await.await;

import dev.mr.security.http.AuthHandler;
import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.ClusterSecurity;
import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.ChunkServer;
import dev.mr.dfs.http.VertxFutures;
import dev.mr.master.http.MasterDaemon;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A master daemon on loopback (port 0, a temp dir) with, optionally, in-process chunk servers
 * of its dfs on their own HTTP servers, as worker daemons would host them. The master can be
 * stopped and started again on the same port and directory. Methods block; call from the test thread.
 */
final class TestCluster implements AutoCloseable {

    /** How long a server of this cluster may take to start or stop. */
    private static final long TIMEOUT_S = 30;

    static final long CHUNK = 128 << 10;

    final Path dir;
    final Configuration conf;
    MasterDaemon master;
    Api api;
    private final Vertx vertx = Vertx.vertx();
    private final List<ChunkServer> chunkServers = new ArrayList<>();
    private final List<HttpServer> chunkHttp = new ArrayList<>();
    private final List<DfsClient> clients = new ArrayList<>();

    private TestCluster(Path dir, Configuration conf) {
        this.dir = dir;
        this.conf = conf;
    }

    /** Small chunks, one replica, short timers: a store that is ready in a fraction of a second. */
    static Configuration fastConf() {
        return new Configuration()
                .setLong(DfsSettings.CHUNK_SIZE, CHUNK)
                .setInt(DfsSettings.REPLICATION, 1)
                .setLong(DfsSettings.SERVER_EXPIRY_MS, 3000)
                .setLong(DfsSettings.HEARTBEAT_MS, 100)
                .setLong(DfsSettings.TICK_MS, 50)
                .setLong(DfsSettings.SCRUB_INTERVAL_MS, 0)
                .setLong(DfsSettings.IO_TIMEOUT_MS, 10_000);
    }

    static TestCluster start(Path dir, Configuration conf, int chunkServers) throws IOException {
        TestCluster c = new TestCluster(dir, conf);
        try {
            c.startMaster(0);
            for (int i = 0; i < chunkServers; i++) c.addChunkServer(i);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void startMaster(int port) throws IOException {
        master = MasterDaemon.start(dir.resolve("node-master"), "127.0.0.1", "127.0.0.1", port, conf);
        api = new Api(master.url());
    }

    /** Stops the master and starts it again on the same port and directory. */
    void restartMaster() throws IOException {
        int port = master.port();
        master.close();
        master = null;
        startMaster(port);
    }

    void stopMaster() {
        if (master != null) master.close();
        master = null;
    }

    private void addChunkServer(int i) throws IOException {
        DfsSettings s = DfsSettings.from(conf);
        ClusterSecurity security = ClusterSecretExtension.security();
        ChunkServer cs = new ChunkServer(vertx, dir.resolve("node-" + i).resolve("chunks"), master.url(), s, security.credentials());
        Router router = Router.router(vertx);
        AuthHandler.install(router, security, ChunkServer.ACCESS);
        cs.mount(router);
        HttpServer http = VertxFutures.await(vertx.createHttpServer(ChunkServer.httpOptions()).requestHandler(router).listen(0, "127.0.0.1"), TIMEOUT_S);
        VertxFutures.await(cs.start("127.0.0.1:" + http.actualPort()), TIMEOUT_S);
        chunkServers.add(cs);
        chunkHttp.add(http);
    }

    /** The advertised {@code host:port} of chunk server {@code i}: what its worker registers as its host. */
    String chunkServerAddress(int i) {
        return chunkServers.get(i).address();
    }

    DfsClient dfs() {
        DfsClient c = new DfsClient(master.url(), DfsSettings.from(conf));
        clients.add(c);
        return c;
    }

    /** Writes a file to dfs, trying again for up to 10 s while the chunk servers have not yet announced themselves. */
    void put(String path, byte[] data) throws IOException, InterruptedException {
        put(master.url(), conf, path, data, Duration.ofSeconds(10));
    }

    /** Writes a dfs file of the master at {@code masterUrl}, trying again while the chunk servers have not yet announced themselves. */
    static void put(String masterUrl, Configuration conf, String path, byte[] data, Duration timeout) throws IOException, InterruptedException {
        try (DfsClient dfs = new DfsClient(masterUrl, DfsSettings.from(conf))) {
            IOException[] last = {null};
            await(timeout, "a write of dfs:" + path + " (the chunk servers announce themselves)", () -> {
                try (OutputStream out = dfs.create(path, 0, 0)) {
                    out.write(data);
                    return true;
                } catch (IOException e) {
                    last[0] = e;
                    try {
                        dfs.delete(path, false);
                    } catch (IOException ignored) {
                        // not created yet
                    }
                    return false;
                }
            }, () -> "the last try: " + last[0]);
        }
    }

    @Override
    public void close() {
        for (DfsClient c : clients) c.close();
        for (ChunkServer cs : chunkServers) quietly(cs.stop());
        for (HttpServer h : chunkHttp) quietly(h.close());
        stopMaster();
        quietly(vertx.close());
    }

    private static void quietly(Future<?> f) {
        try {
            VertxFutures.await(f, TIMEOUT_S);
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
