package dev.mr.scripts;

import dev.mr.security.ClusterSecret;
import dev.mr.security.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real local cluster for a test: started and stopped through {@code scripts/mr-cluster}
 * in a directory of its own, on a free master port, with short timeouts so failures are
 * noticed within seconds. Runs the other scripts against it as a user would, with
 * {@code MR_SECRET_FILE} naming the secret its master created; its own API calls are signed
 * with that secret.
 */
final class Cluster implements AutoCloseable {

    static final Path HOME = Path.of(System.getProperty("mr.home", "..")).toAbsolutePath().normalize();
    static final Path JOBS_JAR = HOME.resolve("jobs/target/jobs-0.1.0-SNAPSHOT.jar");
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FAST_FAILURE = List.of(
            "-D", "mr.worker.expiry.ms=4000", "-D", "mr.worker.heartbeat.ms=300", "-D", "dfs.server.expiry.ms=4000",
            "-D", "dfs.heartbeat.interval.ms=500", "-D", "dfs.chunk.size=1048576");

    final Path dir;
    final int port;
    final String url;
    /** Added to the environment of every script this cluster runs, the daemons' included (e.g. HADOOP_CONF_DIR). */
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newHttpClient();

    private Cluster(Path dir, int port, Map<String, String> env) {
        this.dir = dir;
        this.port = port;
        this.url = "http://127.0.0.1:" + port;
        this.env = Map.copyOf(env);
    }

    static Cluster start(Path dir, int workers, String... settings) throws Exception {
        return start(dir, workers, Map.of(), settings);
    }

    /** Like {@link #start(Path, int, String...)}, with {@code env} in the environment of the daemons and of every script run later. */
    static Cluster start(Path dir, int workers, Map<String, String> env, String... settings) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cluster c = new Cluster(dir, port, env);
        List<String> cmd = new ArrayList<>(List.of("mr-cluster", "start", "--workers", Integer.toString(workers), "--dir", dir.toString(),
                "--port", Integer.toString(port), "--slots", "2"));
        cmd.addAll(FAST_FAILURE);
        cmd.addAll(List.of(settings));
        Result r = c.script(cmd.toArray(String[]::new));
        if (r.status != 0) {
            c.close();
            throw new IllegalStateException("mr-cluster start failed: " + r + "\nmaster log:\n" + tail(dir.resolve("master.out")));
        }
        return c;
    }

    /** What a script printed and how it ended. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** A script running in the background. */
    record Running(Process process, Path out, Path err, String command) {
        Result finish() throws Exception {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    /** Runs {@code scripts/NAME args...} with MR_MASTER pointing here (unless it passes --master); fails the test after 5 minutes. */
    Result script(String... command) throws Exception {
        return background(command).finish();
    }

    Running background(String... command) throws Exception {
        return background(Map.of(), command);
    }

    /** Like {@link #background(String...)}, with {@code env} added to the script's environment. */
    Running background(Map<String, String> env, String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("scripts").resolve(command[0]).toString());
        cmd.addAll(List.of(command).subList(1, command.length));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile());
        // a command naming its master with --master must manage without the environment
        if (cmd.contains("--master")) pb.environment().remove("MR_MASTER");
        else pb.environment().put("MR_MASTER", url);
        pb.environment().put(ClusterSecret.ENV, secretFile().toString());
        pb.environment().putAll(this.env);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Running(pb.start(), out, err, String.join(" ", cmd));
    }

    Result ok(String... command) throws Exception {
        Result r = script(command);
        if (r.status != 0) throw new AssertionError(String.join(" ", command) + " failed: " + r);
        return r;
    }

    /** The cluster's secret file, which its master created on its first start. */
    Path secretFile() {
        return dir.resolve("master").resolve("secret");
    }

    private Credentials credentials() throws IOException {
        return Credentials.signing(ClusterSecret.load(secretFile()), "test");
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).GET();
        credentials().apply(b::header, "GET", path, null);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** A signed POST; a submission's multipart body goes unsigned, as mr-submit sends it. */
    HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        credentials().apply(b::header, "POST", path, contentType.startsWith("multipart/") ? null : Credentials.sha256(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    long masterPid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("master.pid")).trim());
    }

    long workerPid(int i) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("worker-" + i + ".pid")).trim());
    }

    static void signal(long pid, String signal) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
    }

    /** The job's view, or null when the master is unreachable. */
    JsonNode job(String jobId) {
        try {
            return get("/api/v1/jobs/" + jobId);
        } catch (Exception e) {
            return null;
        }
    }

    /** The newest job's id. */
    String latestJobId() throws Exception {
        JsonNode items = get("/api/v1/jobs").get("items");
        String newest = null;
        for (JsonNode j : items) {
            String id = j.get("jobId").asText();
            if (newest == null || id.compareTo(newest) > 0) newest = id;
        }
        return newest;
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    @Override
    public void close() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("scripts/mr-cluster").toString(), "stop", "--dir", dir.toString())
                .directory(HOME.toFile()).inheritIO();
        pb.start().waitFor(60, TimeUnit.SECONDS);
    }
}
