package dev.mr.worker.submit;

import dev.mr.security.Credentials;
import dev.mr.security.CredentialsException;
import dev.mr.security.TlsFailure;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.SubmittedSplits;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import dev.mr.protocol.Problem;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.WorkerView;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.api.spi.ShippedFiles;
import dev.mr.api.spi.Unreachable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What {@code mr-submit} and {@code Job.waitForCompletion} say to the master, as Hadoop's {@code JobClient}: submit a job
 * (its jar, settings, input splits and shipped files, as multipart form data), read its status, kill it, and
 * ask for the workers (whose slots size the splits). A refusal comes
 * back as {@link MasterException} carrying the master's words; a call that did not reach the master as
 * {@link Unreachable}, saying whether the request left ({@link #failureOf} tells the retry loop). One try
 * per call: {@link MasterRide} decides about trying again. Thread-safe.
 */
public final class JobClient {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static volatile boolean warnedInsecure;

    /** True once the master answered this client: its scheme is right, so a connection closed unanswered is no TLS mismatch. */
    private volatile boolean answered;

    private final URI master;
    private final HttpClient http;
    private final Credentials credentials;

    /**
     * A client with the credentials this process's system properties or environment name
     * ({@code MR_SECRET_FILE}, {@code MR_TOKEN}; for an {@code https://} master, {@code MR_TLS_CA}).
     */
    public JobClient(String masterUrl) throws CredentialsException {
        this(masterUrl, Credentials.find(k -> null));
    }

    public JobClient(String masterUrl, Credentials credentials) {
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(credentials.sslContext()).build();
        String url = masterUrl.endsWith("/") ? masterUrl.substring(0, masterUrl.length() - 1) : masterUrl;
        if (!url.matches("https?://[^/]+")) {
            throw new IllegalArgumentException("master URL " + masterUrl + " is not of the form http://host:port");
        }
        this.master = URI.create(url);
    }

    /** The master refused a request or failed; {@link #getMessage()} is its explanation. */
    public static final class MasterException extends IOException {
        public final int status;

        MasterException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** How {@code e}, thrown by a call of this client, failed to reach the master (a 503 counts); null when it is an answer or cannot be helped. */
    public static Failure failureOf(IOException e) {
        if (e instanceof Unreachable u) return u.failure;
        if (e instanceof MasterException m && m.status == 503) return Failure.UNAVAILABLE;
        return null;
    }

    public String url() {
        return master.toString();
    }

    /**
     * @param splits  the job's input splits, computed here ({@link dev.mr.api.spi.JobSplits})
     * @param shipped the files the job ships ({@link ShippedFiles#check}): listed in the spec by
     *                content and sent once each as a part {@code file}, streamed from disk as the jar is
     */
    public SubmitResponse submit(Path jar, Map<String, String> conf, SubmittedSplits splits, List<ShippedFiles.Entry> shipped)
            throws IOException, InterruptedException {
        List<JobSpec.ShippedFile> listed = new ArrayList<>();
        Map<String, Path> parts = new LinkedHashMap<>();
        for (ShippedFiles.Entry e : shipped) {
            String sha = sha256(e.local());
            listed.add(new JobSpec.ShippedFile(e.alias(), sha, Files.size(e.local()), e.kind().wireName));
            parts.putIfAbsent(sha, e.local());
        }
        String boundary = "mr-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        List<HttpRequest.BodyPublisher> body = new ArrayList<>();
        part(body, boundary, "spec", "spec.json", "application/json", JSON.writeValueAsBytes(new JobSpec(null, conf, null, listed)));
        part(body, boundary, "splits", "splits.json", "application/json", JSON.writeValueAsBytes(splits));
        part(body, boundary, "jar", jar.getFileName().toString(), "application/java-archive", jar);
        for (Map.Entry<String, Path> p : parts.entrySet()) part(body, boundary, "file", p.getKey(), "application/octet-stream", p.getValue());
        body.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
        HttpRequest.Builder b = HttpRequest.newBuilder(master.resolve("/api/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(body.toArray(HttpRequest.BodyPublisher[]::new)));
        // a submission is streamed to the master's disk unread: its body is not signed (TLS protects it on the way)
        credentials.apply(b::header, "POST", "/api/v1/jobs", null);
        return read(send(b.build()), SubmitResponse.class);
    }

    /** @param content a byte[] or a Path, whose file is read as the request goes */
    private static void part(List<HttpRequest.BodyPublisher> body, String boundary, String name, String file, String type, Object content)
            throws IOException {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file
                + "\"\r\nContent-Type: " + type + "\r\n\r\n";
        body.add(HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)));
        body.add(content instanceof Path p ? HttpRequest.BodyPublishers.ofFile(p) : HttpRequest.BodyPublishers.ofByteArray((byte[]) content));
        body.add(HttpRequest.BodyPublishers.ofByteArray("\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public JobView job(String jobId) throws IOException, InterruptedException {
        return job(jobId, 0);
    }

    /** The job's view as soon as it has ended, or after {@code waitMs} when it has not. */
    public JobView job(String jobId, long waitMs) throws IOException, InterruptedException {
        String query = waitMs > 0 ? "?waitMs=" + waitMs : "";
        return read(send(get("/api/v1/jobs/" + jobId + query)), JobView.class);
    }

    public Page<JobView> jobs() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(get("/api/v1/jobs"));
        return JSON.readValue(r.body(), new TypeReference<Page<JobView>>() {});
    }

    /** The cluster's workers as the master sees them, dead ones included ({@code GET /api/v1/workers}). */
    public List<WorkerView> workers() throws IOException, InterruptedException {
        return JSON.readValue(send(get("/api/v1/workers")).body(), new TypeReference<List<WorkerView>>() {});
    }

    /** The task slots of the live workers among {@code workers} (those alive, refused by some job or not). */
    public static int liveSlots(List<WorkerView> workers) {
        int slots = 0;
        for (WorkerView w : workers) if (w.state().equals("ALIVE") || w.state().equals("EXCLUDED")) slots += w.slots();
        return slots;
    }

    public void kill(String jobId) throws IOException, InterruptedException {
        String path = "/api/v1/jobs/" + jobId + "/kill";
        HttpRequest.Builder b = HttpRequest.newBuilder(master.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        credentials.apply(b::header, "POST", path, null);
        send(b.build());
    }

    private HttpRequest get(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(master.resolve(pathAndQuery)).GET();
        credentials.apply(b::header, "GET", pathAndQuery, null);
        return b.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(e);
        }
        answered = true;
        if (!warnedInsecure && r.headers().firstValue(dev.mr.security.http.AuthHandler.INSECURE_HEADER).isPresent()) {
            warnedInsecure = true;
            System.err.println("WARNING: the master at " + master + " runs with --insecure: anybody who can reach it can run code on its workers");
        }
        if (r.statusCode() >= 400) {
            String message;
            try {
                message = JSON.readValue(r.body(), Problem.class).error();
            } catch (IOException notJson) {
                message = new String(r.body(), StandardCharsets.UTF_8);
            }
            throw new MasterException(r.statusCode(), message);
        }
        return r;
    }

    private IOException unreachable(IOException e) {
        Failure failure = MasterRetryPolicy.classify(e);
        // over http://, a master that died mid-answer looks like a TLS server: the hint is for a first contact only
        String tls = failure != null && answered ? null : TlsFailure.explain(master.toString(), e);
        if (failure == null) return tls != null ? new IOException(tls, e) : e;
        if (tls != null) return new Unreachable(failure, tls, e);
        if (failure == Failure.NOT_SENT && e instanceof ConnectException) {
            return new Unreachable(failure, "cannot reach the master at " + master + " (is it running? start one with scripts/mr-cluster start)", e);
        }
        return new Unreachable(failure, "cannot reach the master at " + master + ": " + MasterRetryLoop.reason(e), e);
    }

    private static <T> T read(HttpResponse<byte[]> r, Class<T> type) throws IOException {
        return JSON.readValue(r.body(), type);
    }
}
