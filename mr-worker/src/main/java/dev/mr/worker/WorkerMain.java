package dev.mr.worker;

import dev.mr.security.cli.SecurityOptions;
import picocli.CommandLine.Mixin;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.CredentialsException;
import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.dfs.http.ChunkServer;
import dev.mr.dfs.http.ServerLimits;
import dev.mr.dfs.http.VertxFutures;
import dev.mr.protocol.WorkerLoad;
import dev.mr.worker.http.WorkerHttpServer;
import dev.mr.worker.log.AttemptLogs;
import dev.mr.worker.runtime.Advertised;
import dev.mr.worker.runtime.MachineNames;
import dev.mr.worker.runtime.Worker;
import dev.mr.worker.runtime.WorkerDirs;
import dev.mr.worker.runtime.WorkerSettings;
import dev.mr.worker.shuffle.MapOutputRegistry;
import io.vertx.core.Vertx;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mr-worker --master URL [--host H] [--hostname NAME,...] [--port P] [--bind ADDRESS] --dir D [--slots N] [-D key=value ...]}:
 * the worker daemon. Hosts a dfs-lite chunk server and the shuffle server on one HTTP server
 * (on {@code --bind}, all interfaces by default, port {@value #DEFAULT_PORT} by default; {@code --port 0} picks a free one and
 * advertises it), registers with the master as {@code --host}{@code :port}, heartbeats, and runs
 * the attempts it is given, {@code --slots} at once, each job's in an executor JVM of its own. Logs to {@code D/worker/worker.log} and
 * stderr, runs in the foreground, and stops on SIGTERM. Restarted with the same {@code --dir} it
 * keeps its id and its chunks, drops its old map outputs, and registers again.
 */
@Command(name = "mr-worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a worker: task slots, a shuffle server and a dfs chunk server, heartbeating to the master.",
                "Its HTTP server closes connections idle for " + ServerLimits.IDLE_TIMEOUT_MS + " (default 120000) and keeps at most "
                        + ServerLimits.MAX_CONNECTIONS + " (default 1024) open; set them with -D."})
public final class WorkerMain implements Callable<Integer> {

    public static final int DEFAULT_PORT = 7071;

    static {
        // before the first logger: slf4j-simple writes to System.err, which AttemptLogs copies to worker.log
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    @Option(names = "--master", required = true, paramLabel = "URL", description = "The master, e.g. http://master-host:7070.")
    String master;

    @Option(names = "--host", paramLabel = "H", description = "The name other machines reach this worker by (default: this machine's host name).")
    String host;

    @Option(names = "--hostname", paramLabel = "NAME[,NAME...]",
            description = "The names this machine goes by in HDFS block locations, so that maps of HDFS input run on their DataNode's"
                    + " host (default: its canonical host name and address, as a DataNode here reports them; also -D "
                    + MachineNames.KEY + ").")
    String hostname;

    @Option(names = "--port", paramLabel = "P", description = "HTTP port for shuffle and chunks (default: " + DEFAULT_PORT + "; 0 picks a free one).")
    int port = DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: " + ServerLimits.ALL_INTERFACES + ", all interfaces; 127.0.0.1 for this machine only).")
    String bind = ServerLimits.ALL_INTERFACES;

    @Option(names = "--dir", required = true, paramLabel = "D", description = "The worker's directory (D/worker/...); reuse it to rejoin with the same id.")
    Path dir;

    @Option(names = "--slots", paramLabel = "N", description = "Tasks run at once (default: the number of processors).")
    int slots = Runtime.getRuntime().availableProcessors();

    @Option(names = "--memory", paramLabel = "MB",
            description = "Memory for tasks, in MiB: each job's executor JVM gets this heap unless the job sets mr.executor.memory.mb,"
                    + " which may not ask for more (default: what this JVM's heap may grow to).")
    Long memoryMb;

    @Mixin
    SecurityOptions securityFlags = new SecurityOptions();

    @Option(names = "-D", paramLabel = "key=value", description = "A setting, e.g. -D mr.worker.heartbeat.ms=500 (also a default for jobs).")
    Map<String, String> settings = new LinkedHashMap<>();

    public static void main(String[] args) {
        int code = new CommandLine(new WorkerMain()).execute(args);
        if (code != 0) System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        WorkerDirs dirs = new WorkerDirs(dir);
        Files.createDirectories(dirs.root());
        OutputStream logFile = new FileOutputStream(dirs.logFile().toFile(), true);
        AttemptLogs.install(logFile);
        Logger log = LoggerFactory.getLogger(WorkerMain.class);
        WorkerSettings ws;
        DfsSettings dfs;
        ServerLimits limits;
        List<String> hostNames;
        try {
            if (hostname != null) settings.put(MachineNames.KEY, hostname);
            hostNames = MachineNames.from(new Configuration(settings));
            ws = WorkerSettings.from(master, slots, new Configuration(settings), memoryMb != null ? memoryMb : WorkerSettings.defaultMemoryMb());
            dfs = DfsSettings.from(ws.conf());
            limits = ServerLimits.from(ws.conf());
            int removed = dirs.prepare();
            if (removed > 0) log.info("removed {} entries an earlier run left in {}", removed, dirs.root());
        } catch (Exception e) {
            System.err.println("mr-worker: " + e.getMessage());
            return 2;
        }
        ClusterSecurity security;
        try {
            security = securityFlags.load(settings::get, null);
        } catch (CredentialsException e) {
            System.err.println("mr-worker: " + e.getMessage());
            return 2;
        }
        // the tasks this daemon runs reach dfs: with the daemon's secret and CA
        security.shareWithThisProcess();
        String workerId = dirs.workerId();
        String advertisedHost = host != null ? host : Advertised.defaultHost();

        Vertx vertx = Vertx.vertx();
        MapOutputRegistry outputs = new MapOutputRegistry();
        LocalServers local = new LocalServers();
        ChunkServer chunks = new ChunkServer(vertx, dirs.chunks(), ws.masterUrl(), dfs, security.credentials(), local);
        // the tasks this daemon runs in its own JVM (mr.executor=thread) write their first replica into its chunk server directly
        local.shareWithThisProcess();
        WorkerHttpServer http;
        try {
            http = WorkerHttpServer.start(vertx, outputs, chunks, bind, port, security, limits);
        } catch (Exception e) {
            System.err.println("mr-worker: cannot listen on " + bind + " port " + port + ": " + e.getMessage());
            VertxFutures.await(vertx.close());
            return 1;
        }
        Advertised advertised = new Advertised(advertisedHost, http.port(), security.scheme(), hostNames);
        VertxFutures.await(chunks.start(advertised.hostPort()));
        Worker worker = new Worker(ws, dirs, workerId, advertised, outputs, () -> load(chunks.store()), security.credentials(),
                () -> System.exit(2)); // a worker the master does not let in stops (the heartbeat thread logged why), not retry forever
        log.info("worker {} listening on port {} as {}{}, {} slots, {} MiB for tasks, directory {}, master {}", workerId, http.port(),
                advertised.hostPort(), hostNames.isEmpty() ? "" : " (also " + String.join(", ", hostNames) + ")", ws.slots(), ws.memoryMb(),
                dirs.root(), ws.masterUrl());
        worker.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                worker.close();
                VertxFutures.await(chunks.stop());
                http.close();
                VertxFutures.await(vertx.close());
                dirs.release();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            } finally {
                log.info("stopped");
                stopped.countDown();
            }
        }, "mr-worker-shutdown"));
        stopped.await();
        return 0;
    }

    private static WorkerLoad load(ChunkStore store) {
        return new WorkerLoad(store.usedBytes(), store.freeBytes(), store.size());
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
