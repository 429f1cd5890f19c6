package dev.mr.worker.runtime;

import dev.mr.security.Credentials;
import dev.mr.security.TlsFailure;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.Problem;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import dev.mr.worker.fetch.FetchFailureReporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The worker's side of the master's API ({@code /api/v1}): registration, heartbeats,
 * fetch-failure reports, job specs and jars, as JSON over the JDK's blocking HTTP client. Any
 * answer but a 2xx is an {@link IOException} that names the request and carries the master's
 * {@link Problem} text. Remembers the worker's current incarnation for the requests that name
 * it. Thread-safe: the heartbeat thread, task threads and fetch threads share it.
 */
public final class MasterClient implements FetchFailureReporter, HeartbeatLoop.Master {

    /** The header with which the master states a job jar's SHA-256 (hex). */
    public static final String JAR_SHA256 = "X-MR-Jar-SHA256";

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String base;
    private final String workerId;
    private final Duration timeout;
    private final HttpClient http;
    private final Credentials credentials;
    private volatile long incarnation = -1;

    /** {@code credentials}: the worker's, signed with the cluster secret (registration and heartbeats need it). */
    public MasterClient(String masterUrl, String workerId, Duration timeout, Credentials credentials) {
        this.base = masterUrl.endsWith("/") ? masterUrl.substring(0, masterUrl.length() - 1) : masterUrl;
        this.workerId = workerId;
        this.timeout = timeout;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).sslContext(credentials.sslContext()).build();
    }

    /** The worker's credentials, which also say whom it trusts on {@code https://} URLs (its shuffle fetches use that). */
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public String url() {
        return base;
    }

    public long incarnation() {
        return incarnation;
    }

    @Override
    public RegisterResponse register(RegisterRequest request) throws IOException, InterruptedException {
        RegisterResponse r = post("/api/v1/workers/register", request, RegisterResponse.class);
        incarnation = r.incarnation();
        return r;
    }

    /** Forgets the incarnation: the master told the worker to register again. */
    @Override
    public void unregistered() {
        incarnation = -1;
    }

    @Override
    public HeartbeatResponse heartbeat(HeartbeatRequest request) throws IOException, InterruptedException {
        return post("/api/v1/heartbeat", request, HeartbeatResponse.class);
    }

    @Override
    public void reportFetchFailure(AttemptId reduceAttempt, AttemptId mapAttempt, String error) throws IOException, InterruptedException {
        post("/api/v1/fetch-failures", new FetchFailure(workerId, incarnation, reduceAttempt.toString(), mapAttempt.toString(), error), null);
    }

    public JobSpec jobSpec(String jobId) throws IOException, InterruptedException {
        String path = "/api/v1/jobs/" + encode(jobId) + "/spec";
        HttpResponse<InputStream> r = send(signedGet(path), path);
        try (InputStream in = r.body()) {
            return JSON.readValue(in, JobSpec.class);
        }
    }

    /**
     * Downloads a job's jar to {@code target}; returns the SHA-256 (hex) of the bytes received,
     * after checking it against the header the master sent with them, if any.
     */
    public String downloadJar(String jobId, Path target) throws IOException, InterruptedException {
        String path = "/api/v1/jobs/" + encode(jobId) + "/jar";
        return download(path, target, "the jar of " + jobId);
    }

    /** Downloads a file shipped with a job, by its content's SHA-256, to {@code target}; returns the SHA-256 of the bytes received. */
    public String downloadFile(String jobId, String sha256, Path target) throws IOException, InterruptedException {
        String path = "/api/v1/jobs/" + encode(jobId) + "/files/" + encode(sha256);
        return download(path, target, "the file " + sha256 + " of " + jobId);
    }

    private String download(String path, Path target, String what) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = send(signedGet(path), path);
        MessageDigest sha = sha256();
        try (InputStream in = r.body(); OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
            in.transferTo(out);
        }
        String got = HexFormat.of().formatHex(sha.digest());
        String said = r.headers().firstValue(JAR_SHA256).orElse(null);
        if (said != null && !said.equalsIgnoreCase(got)) {
            throw new IOException(what + " arrived with SHA-256 " + got + " but the master's header says " + said);
        }
        return got;
    }

    private HttpRequest.Builder signedGet(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        credentials.apply(b::header, "GET", path, null);
        return b;
    }

    /** The master did not accept this worker's credentials (401): retrying with the same ones cannot help. */
    public static final class CredentialsRefused extends IOException {
        CredentialsRefused(String message) {
            super(message);
        }
    }

    /** The master refused the request as malformed (400): sending the same again cannot help. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T post(String path, Object body, Class<T> answer) throws IOException, InterruptedException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        credentials.apply(b::header, "POST", path, Credentials.sha256(bytes));
        HttpResponse<InputStream> r = send(b, path);
        try (InputStream in = r.body()) {
            if (answer == null) return null;
            return JSON.readValue(in, answer);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder b, String path) throws IOException, InterruptedException {
        HttpRequest request = b.timeout(timeout).build();
        HttpResponse<InputStream> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String tls = TlsFailure.explain(base + path, e);
            throw new IOException(tls != null ? tls : request.method() + " " + base + path + ": " + describe(e), e);
        }
        int status = r.statusCode();
        if (status / 100 == 2) return r;
        String text;
        try (InputStream in = r.body()) {
            byte[] bytes = in.readNBytes(8192);
            text = new String(bytes, StandardCharsets.UTF_8).strip();
            try {
                Problem p = JSON.readValue(bytes, Problem.class);
                if (p.error() != null) text = p.error();
            } catch (IOException notJson) {
                // keep the raw text
            }
        }
        String message = "the master answered " + request.method() + " " + path + " with " + status + (text.isEmpty() ? "" : ": " + text);
        if (status == 401) throw new CredentialsRefused(message);
        throw status == 400 ? new Refused(message) : new IOException(message);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) return "connection refused";
        if (e instanceof java.net.http.HttpTimeoutException) return "no answer in time";
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
