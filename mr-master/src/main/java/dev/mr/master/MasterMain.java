package dev.mr.master;

import dev.mr.security.cli.SecurityOptions;
import picocli.CommandLine.Mixin;
import dev.mr.security.ClusterSecret;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.CredentialsException;
import dev.mr.api.Configuration;
import dev.mr.dfs.http.ServerLimits;
import dev.mr.dfs.journal.ProcessExit;
import dev.mr.master.http.MasterDaemon;
import dev.mr.master.jobs.FileRoots;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code mr-master [--host H] [--port P] [--bind ADDRESS] [--allow-file-root DIR ...] --dir D [-D key=value ...]}: runs the master daemon in
 * the foreground until SIGTERM (or SIGINT), then stops it cleanly from a shutdown hook. Logs to
 * {@code D/master/master.log} and to stderr; prints the URL on stdout once listening.
 */
@Command(name = "mr-master", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the mr master: job submission and scheduling, the REST API, and the dfs master.",
                "Stops cleanly on SIGTERM. Logs to DIR/master/master.log and stderr; state-changing requests to DIR/master/audit.log.",
                "Its HTTP server closes connections idle for " + ServerLimits.IDLE_TIMEOUT_MS + " (default 120000) and keeps at most "
                        + ServerLimits.MAX_CONNECTIONS + " (default 1024) open; set them with -D."})
public final class MasterMain implements Callable<Integer> {

    /** The documented default port. */
    public static final int DEFAULT_PORT = 7070;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Host name or address advertised to workers and clients (default: this machine's host name).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: " + DEFAULT_PORT + "; 0 picks a free one).")
    int port = DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: " + ServerLimits.ALL_INTERFACES + ", all interfaces; 127.0.0.1 for this machine only).")
    String bind = ServerLimits.ALL_INTERFACES;

    @Option(names = "--allow-file-root", paramLabel = "DIR",
            description = {"A directory of this machine that cluster jobs may name as file: input or output (repeatable; default: none,",
                    "so cluster jobs use dfs: paths only). The master deletes and writes job output itself: allow only what users may change."})
    List<Path> fileRoots = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The master's directory: journal, job jars, dfs namespace, log.")
    Path dir;

    @Mixin
    SecurityOptions securityFlags = new SecurityOptions();

    @Option(names = "-D", paramLabel = "key=value",
            description = "A cluster setting, the default of every job too (e.g. -D mr.worker.expiry.ms=10000 -D dfs.replication=3).")
    Map<String, String> settings = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new MasterMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LogFile.start(dir.resolve("master").resolve("master.log"));
        Logger log = LoggerFactory.getLogger(MasterMain.class);
        String advertised = host != null ? host : localHostName();
        MasterDaemon daemon;
        ClusterSecurity security;
        try {
            security = securityFlags.load(settings::get, dir.resolve("secret"));
        } catch (CredentialsException e) {
            log.error("mr-master could not start: {}", e.getMessage());
            return 2;
        }
        // the master's own dfs: clients (checking a job's output, committing it) use its secret and CA
        security.shareWithThisProcess();
        try {
            daemon = MasterDaemon.start(dir, bind, advertised, port, withFileRoots(new Configuration(settings)), security, new ProcessExit());
        } catch (Exception e) {
            log.error("mr-master could not start: {}{}", e.getMessage(),
                    portTaken(e) ? " (port " + port + " is in use; stop what holds it or pick another with --port)" : "");
            log.debug("start failure", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping on signal");
            daemon.close();
            System.err.flush();
            stopped.countDown();
        }, "mr-master-shutdown"));
        System.out.println("mr master listening at " + daemon.url() + "  (web page " + daemon.url() + "/, REST API " + daemon.url() + "/api/v1)");
        if (security.isInsecure()) System.out.println("WARNING: " + ClusterSecurity.INSECURE_WARNING);
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Adds {@code --allow-file-root} to the roots {@code -D mr.master.file.roots} may already name. */
    private Configuration withFileRoots(Configuration conf) {
        List<String> roots = new ArrayList<>(conf.getList(FileRoots.SETTING));
        for (Path p : fileRoots) roots.add(p.toAbsolutePath().normalize().toString());
        return roots.isEmpty() ? conf : conf.setList(FileRoots.SETTING, roots);
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof java.net.BindException) return true;
        return false;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
