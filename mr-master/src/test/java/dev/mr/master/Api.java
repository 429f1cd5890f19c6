package dev.mr.master;

import static dev.mr.api.testing.Await.awaitValue;

import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.Credentials;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.JobSplits;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import dev.mr.protocol.Problem;
import dev.mr.protocol.SubmittedSplits;
import dev.mr.protocol.TaskView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A client of the master's REST API over real HTTP, as mr-submit and workers talk to it, for tests. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, byte[] body, HttpHeaders headers) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        <T> T as(Class<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("HTTP " + status + " body not a " + type.getSimpleName() + ": " + text(), e);
            }
        }

        <T> T as(TypeReference<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("HTTP " + status + " body: " + text(), e);
            }
        }

        Problem problem() {
            return as(Problem.class);
        }
    }

    private final HttpClient http;
    final String base;
    private final Credentials credentials;

    /** A client signing with the test cluster's secret, as the daemons and the operator's tools do. */
    Api(String base) {
        this(base, ClusterSecretExtension.security().credentials());
    }

    Api(String base, Credentials credentials) {
        this.base = base;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(credentials.sslContext()).build();
    }

    Reply get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        credentials.apply(b::header, "GET", path, null);
        return send(b);
    }

    Reply post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        // a submission is streamed to disk unread: its body goes unsigned, as mr-submit sends it
        credentials.apply(b::header, "POST", path, path.equals("/api/v1/jobs") ? null : Credentials.sha256(body));
        return send(b);
    }

    Reply postJson(String path, Object body) throws IOException, InterruptedException {
        return post(path, "application/json", JSON.writeValueAsBytes(body));
    }

    private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.body(), r.headers());
    }

    /**
     * {@code POST /api/v1/jobs} as mr-submit sends it: the splits computed here, on the client's
     * side, with this test's classes and the spec's settings (none when the spec is not a spec).
     *
     * @throws dev.mr.api.InvalidJobException when the client refuses the job (a missing class or input)
     */
    Reply submit(byte[] jar, String spec) throws IOException, InterruptedException {
        return submit(jar, spec, spec == null ? null : splits(spec));
    }

    /** The splits part of a submission, as the client computes it from the spec's settings. */
    String splits(String spec) throws IOException {
        JobSpec parsed;
        try {
            parsed = JSON.readValue(spec, JobSpec.class);
        } catch (IOException notASpec) {
            return splitsJson(List.of());
        }
        if (parsed == null || parsed.conf() == null || parsed.conf().isEmpty()) return splitsJson(List.of());
        Configuration conf = new Configuration(parsed.conf());
        if (!conf.isSet(ConfKeys.DEFAULT_FS)) conf.set(ConfKeys.DEFAULT_FS, "dfs");
        conf.set(ConfKeys.MASTER, base);
        if (!conf.isSet(ConfKeys.JOB_JAR)) conf.set(ConfKeys.JOB_JAR, "job.jar");
        return splitsJson(JobSplits.compute(JobDefinition.load(conf, Api.class.getClassLoader())));
    }

    static String splitsJson(List<EncodedSplit> splits) throws IOException {
        List<SubmittedSplits.Split> out = new ArrayList<>();
        for (EncodedSplit s : splits) out.add(new SubmittedSplits.Split(s.split(), s.path(), s.length(), s.hosts()));
        return JSON.writeValueAsString(new SubmittedSplits(out));
    }

    /** {@code POST /api/v1/jobs}: the jar as a file part, the spec and the splits as form fields (each left out when null). */
    Reply submit(byte[] jar, String spec, String splits) throws IOException, InterruptedException {
        String boundary = "----mrtest" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (jar != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jar\"; filename=\"job.jar\"\r\n"
                    + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(jar);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (spec != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\n" + spec + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (splits != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"splits\"\r\n\r\n" + splits + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post("/api/v1/jobs", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static String spec(Map<String, String> conf) {
        try {
            return JSON.writeValueAsString(new JobSpec(null, conf, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Page<JobView> jobs() throws IOException, InterruptedException {
        Reply r = get("/api/v1/jobs");
        if (r.status() != 200) throw new AssertionError("GET /api/v1/jobs: HTTP " + r.status() + " " + r.text());
        return r.as(new TypeReference<Page<JobView>>() {});
    }

    JobView job(String id) throws IOException, InterruptedException {
        Reply r = get("/api/v1/jobs/" + id);
        if (r.status() != 200) throw new AssertionError("GET job " + id + ": HTTP " + r.status() + " " + r.text());
        return r.as(JobView.class);
    }

    Page<TaskView> tasks(String id, String query) throws IOException, InterruptedException {
        Reply r = get("/api/v1/jobs/" + id + "/tasks" + query);
        if (r.status() != 200) throw new AssertionError("GET tasks of " + id + ": HTTP " + r.status() + " " + r.text());
        return r.as(new TypeReference<Page<TaskView>>() {});
    }

    /** Polls the job until {@code done} holds, up to {@code ms}. */
    JobView awaitJob(String id, long ms, Predicate<JobView> done) throws IOException, InterruptedException {
        JobView[] seen = {null};
        return awaitValue(Duration.ofMillis(ms), "job " + id + " to reach the awaited state", () -> {
            seen[0] = job(id);
            return done.test(seen[0]) ? seen[0] : null;
        }, () -> "job is " + seen[0]);
    }

    static Map<String, String> jobConf(String input, String output, int reducers) {
        return Map.of("mr.mapper.class", "dev.mr.master.testjob.LineMapper", "mr.reducer.class", "dev.mr.master.testjob.CountReducer",
                "mr.input.paths", input, "mr.output.path", output, "mr.reducers", Integer.toString(reducers));
    }
}
