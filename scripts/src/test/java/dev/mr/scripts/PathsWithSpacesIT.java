package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkout whose path holds a space works as any other (issue 18): the scripts and the built
 * jars, copied under a directory named {@code my mr}, answer {@code --help}, resolve their class
 * path there, write and then use a client's class-data archive there, and start, report and stop
 * a cluster whose directory holds a space too. A path a script leaves unquoted splits into two
 * words and fails here. An IT, not a unit test: the scripts run the modules' jars, which the
 * package phase builds.
 */
class PathsWithSpacesIT {

    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    Path tmp;

    @Test
    void theScriptsRunFromACheckoutWhosePathHoldsASpace() throws Exception {
        Path home = copyOfTheCheckout(tmp.resolve("my mr"));

        assertTrue(ok(home, Map.of(), "mr-submit", "--help").contains("Usage: mr-submit"));
        assertTrue(ok(home, Map.of(), "mr-token", "--help").contains("Usage: mr-token"));
        assertTrue(ok(home, Map.of(), "mr-cluster", "--help").contains("mr-cluster start"));
        // the first run of a client writes its class-data archive beside the jars, the next runs with it
        assertTrue(ok(home, Map.of(), "mr-dfs", "--help").contains("Usage: mr-dfs"));
        assertTrue(Files.isRegularFile(home.resolve("mr-dfs-lite/target/mr-dfs-cli.jsa")), "no class-data archive written");
        assertTrue(ok(home, Map.of(), "mr-dfs", "--help").contains("Usage: mr-dfs"));

        // sourced, mr-env.sh finds the checkout, and each entry of a module's class path is one file
        String sourced = run(home, Map.of(), "bash", "-c",
                "set -euo pipefail; . \"$1/scripts/lib/mr-env.sh\"; echo \"$MR_HOME\"; mr_classpath mr-worker", "_", home.toString()).out();
        String[] lines = sourced.strip().split("\n");
        assertEquals(home.toString(), lines[0], sourced);
        String[] classPath = lines[1].split(File.pathSeparator);
        assertEquals(home.resolve("mr-worker/target/mr-worker-" + VERSION + ".jar").toString(), classPath[0], sourced);
        for (String entry : classPath) assertTrue(Files.exists(Path.of(entry)), () -> "not a file: " + entry + " in " + sourced);

        Path cluster = tmp.resolve("my cluster");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try {
            String started = ok(home, Map.of(), "mr-cluster", "start", "--workers", "1", "--slots", "1", "--dir", cluster.toString(),
                    "--port", Integer.toString(port));
            assertTrue(started.contains("stop it:  scripts/mr-cluster stop --dir " + tmp.resolve("my\\ cluster")), started);
            Map<String, String> client = Map.of("MR_MASTER", "http://127.0.0.1:" + port,
                    "MR_SECRET_FILE", cluster.resolve("master/secret").toString());
            Path input = Files.writeString(tmp.resolve("words.txt"), "a b a\n");
            ok(home, client, "mr-dfs", "put", input.toString(), "dfs:/in/");
            assertTrue(ok(home, client, "mr-dfs", "ls", "dfs:/in").contains("words.txt"));
            assertTrue(ok(home, Map.of(), "mr-cluster", "status", "--dir", cluster.toString())
                    .contains("workers alive at the master: 1"));
        } finally {
            Result stopped = run(home, Map.of(), "scripts/mr-cluster", "stop", "--dir", cluster.toString());
            assertEquals(0, stopped.status(), stopped.toString());
        }
    }

    /**
     * HOME's scripts and each module's built jar and class path file under DIR, laid out as in the
     * checkout; no sources, so that the scripts see nothing to build.
     */
    private static Path copyOfTheCheckout(Path dir) throws Exception {
        Path home = Cluster.HOME;
        Files.createDirectories(dir.resolve("scripts/lib"));
        try (Stream<Path> scripts = Files.list(home.resolve("scripts"))) {
            for (Path s : scripts.filter(p -> p.getFileName().toString().startsWith("mr-")).toList()) {
                Files.copy(s, dir.resolve("scripts").resolve(s.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (Stream<Path> lib = Files.list(home.resolve("scripts/lib"))) {
            for (Path s : lib.toList()) Files.copy(s, dir.resolve("scripts/lib").resolve(s.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (Stream<Path> modules = Files.list(home)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("target"))).toList()) {
                String name = module.getFileName().toString();
                for (String file : List.of(name + "-" + VERSION + ".jar", "classpath.txt")) {
                    Path built = module.resolve("target").resolve(file);
                    if (!Files.isRegularFile(built)) continue;
                    Files.createDirectories(dir.resolve(name).resolve("target"));
                    Files.copy(built, dir.resolve(name).resolve("target").resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("mr-worker/target/classpath.txt")), "mr-worker is not built in " + home);
        return dir;
    }

    record Result(int status, String out, String err) {}

    /** scripts/SCRIPT ARGS of the copy at HOME, which must succeed; returns its output. */
    private static String ok(Path home, Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("scripts/" + script));
        command.addAll(List.of(args));
        Result r = run(home, env, command.toArray(String[]::new));
        assertEquals(0, r.status(), () -> String.join(" ", command) + ": " + r);
        return r.out();
    }

    /** COMMAND in HOME, with ENV and none of the caller's mr settings; a relative command is HOME's. */
    private static Result run(Path home, Map<String, String> env, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        if (cmd.get(0).startsWith("scripts/")) cmd.set(0, home.resolve(cmd.get(0)).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        Map<String, String> environment = pb.environment();
        for (String k : List.of("MR_MASTER", "MR_SECRET_FILE", "MR_JAVA_OPTS", "MR_TLS_CA", "MR_CLUSTER_DIR")) environment.remove(k);
        environment.putAll(new HashMap<>(env));
        Path out = Files.createTempFile(home.getParent(), "out", ".txt");
        Path err = Files.createTempFile(home.getParent(), "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not end within 3 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
