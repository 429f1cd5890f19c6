package dev.mr.dfs.http;

import dev.mr.security.cli.SecurityOptions;
import picocli.CommandLine.Mixin;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.CredentialsException;
import dev.mr.security.http.AuthHandler;
import dev.mr.security.http.HttpsOptions;
import dev.mr.security.BaseUrl;
import io.vertx.core.http.HttpServerOptions;
import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.journal.ProcessExit;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A standalone store process, until the daemons host it: the master part, chunk servers, or
 * both ({@code mr-dfs serve}). Each role runs on its own HTTP server (HTTPS with
 * {@code --tls-cert}/{@code --tls-key}). Prints the master's URL and runs until killed.
 */
@Command(name = "mr-dfs serve", mixinStandardHelpOptions = true,
        description = {"Runs the chunk store: the master part and N chunk servers (--role all), or one role.",
                "Every server closes connections idle for " + ServerLimits.IDLE_TIMEOUT_MS + " (default 120000) and keeps at most "
                        + ServerLimits.MAX_CONNECTIONS + " (default 1024) open; set them with -D."})
public final class DfsServerMain implements Callable<Integer> {

    @Option(names = "--dir", required = true, description = "Directory for the master's journal and the chunk directories.")
    Path dir;

    @Option(names = "--role", description = "all, master or chunkserver (default: all).")
    String role = "all";

    @Option(names = "--host", description = "Host to advertise, and to bind unless --bind says otherwise (default: 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on, e.g. 0.0.0.0 for all interfaces (default: --host).")
    String bind;

    @Option(names = "--port", description = "Port of the master (or of the chunk server with --role chunkserver); 0 picks one.")
    int port;

    @Option(names = "--chunk-servers", description = "Chunk servers to run with --role all (default: 3).")
    int chunkServers = 3;

    @Option(names = "--master", description = "The master's URL, for --role chunkserver.")
    String master;

    @Option(names = "--url-file", description = "Write the master's URL to this file once it listens.")
    Path urlFile;

    @Mixin
    SecurityOptions securityFlags = new SecurityOptions();

    @Option(names = "-D", paramLabel = "key=value", description = "A setting, e.g. -D dfs.replication=2.")
    Map<String, String> settings = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DfsServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DfsSettings s = DfsSettings.from(new Configuration(settings));
        ClusterSecurity security;
        try {
            security = securityFlags.load(settings::get, role.equals("chunkserver") ? null : dir.resolve("secret"));
        } catch (CredentialsException e) {
            System.err.println("mr-dfs serve: " + e.getMessage());
            return 2;
        }
        ServerLimits limits = ServerLimits.from(new Configuration(settings));
        String bindAddress = bind != null ? bind : host;
        Vertx vertx = Vertx.vertx();
        List<Runnable> stops = new ArrayList<>();
        String masterUrl = master;
        if (role.equals("all") || role.equals("master")) {
            DfsMaster m = new DfsMaster(vertx, dir.resolve("master"), s, security, new ProcessExit());
            Router router = Router.router(vertx);
            AuthHandler.install(router, security, DfsMaster.ACCESS);
            m.mount(router);
            VertxFutures.await(m.start());
            HttpServer server = VertxFutures.await(limits.createServer(vertx, HttpsOptions.of(security, new HttpServerOptions()))
                    .requestHandler(router).listen(port, bindAddress));
            masterUrl = BaseUrl.of(security.scheme(), host, server.actualPort());
            stops.add(() -> m.stop());
            System.out.println("dfs master listening at " + masterUrl);
            if (urlFile != null) Files.writeString(urlFile, masterUrl + "\n", StandardCharsets.UTF_8);
        }
        if (role.equals("all") || role.equals("chunkserver")) {
            if (masterUrl == null) throw new CommandLine.ParameterException(new CommandLine(this), "--role chunkserver needs --master URL");
            int n = role.equals("all") ? chunkServers : 1;
            for (int i = 0; i < n; i++) {
                Path chunks = role.equals("all") ? dir.resolve("chunks-" + i) : dir.resolve("chunks");
                ChunkServer cs = new ChunkServer(vertx, chunks, masterUrl, s, security.credentials());
                Router router = Router.router(vertx);
                AuthHandler.install(router, security, ChunkServer.ACCESS);
                cs.mount(router);
                HttpServer server = VertxFutures.await(limits.createServer(vertx, HttpsOptions.of(security, ChunkServer.httpOptions()))
                        .requestHandler(router).listen(role.equals("all") ? 0 : port, bindAddress));
                VertxFutures.await(cs.start(host + ":" + server.actualPort()));
                stops.add(() -> cs.stop());
                System.out.println("chunk server " + cs.store().serverId() + " listening at " + host + ":" + server.actualPort());
            }
        }
        if (stops.isEmpty()) throw new CommandLine.ParameterException(new CommandLine(this), "unknown role " + role);
        System.out.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stops.forEach(Runnable::run);
            vertx.close();
        }));
        forever.await();
        return 0;
    }
}
