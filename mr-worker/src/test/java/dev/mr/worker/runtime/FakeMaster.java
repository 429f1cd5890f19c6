package dev.mr.worker.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.Problem;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A master that answers from a script, for the worker's tests: registrations get incarnations
 * 7, 8, ...; heartbeats get the next scripted answer (an empty one when there is none, a 500
 * when the script says {@link #FAIL}); job specs and jars come from what the test put. Every
 * request is recorded. It can go away and come back on the same port, and turn requests away while
 * it starts. Thread-safe (the JDK
 * server's threads, the test's thread).
 */
final class FakeMaster implements AutoCloseable {

    /** A scripted heartbeat answer that fails with a 500. */
    static final HeartbeatResponse FAIL = new HeartbeatResponse(false, List.of(), List.of(), List.of(), List.of());
    static final HeartbeatResponse EMPTY = new HeartbeatResponse(false, List.of(), List.of(), List.of(), List.of());

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long the waits for a heartbeat wait by default: a deadline that only ends a test that
     * hangs, never a claim about speed. A loaded machine may take many seconds to start a job's
     * executor JVM, and a test that failed then proved nothing but the load.
     */
    static final int WAIT_SECONDS = 60;

    private volatile HttpServer server;
    private final int port;
    final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
    /** What the next registrations' answers tell the worker to drop. */
    volatile List<String> registrationKills = List.of();
    final BlockingQueue<HeartbeatRequest> heartbeats = new LinkedBlockingQueue<>();
    final List<HeartbeatRequest> answered = new CopyOnWriteArrayList<>();
    final List<FetchFailure> fetchFailures = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<HeartbeatResponse> script = new ConcurrentLinkedQueue<>();
    final Map<String, JobSpec> specs = new ConcurrentHashMap<>();
    final Map<String, byte[]> jars = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger jarRequests = new java.util.concurrent.atomic.AtomicInteger();
    /** Shipped files by their SHA-256, served to any job's spec that lists them. */
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicInteger fileRequests = new java.util.concurrent.atomic.AtomicInteger();
    /** Heartbeats carrying a FINISHED or FAILED report that are still to be failed. */
    volatile int failOutcomeBeats;
    /** How many heartbeats carrying an outcome to answer "register again", as a restarted master does. */
    volatile int reregisterOutcomeBeats;
    /** Heartbeats carrying an outcome to refuse with a 400, as the master does a report it cannot take. */
    volatile int refuseOutcomeBeats;
    private final AtomicLong incarnations = new AtomicLong(7);
    /** Requests answered 503 while it started. */
    final java.util.concurrent.atomic.AtomicInteger turnedAway = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean starting;

    FakeMaster() throws IOException {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/api/v1/", this::handle);
        s.start();
        return s;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Goes away as a killed master does: connections are refused until {@link #comeBack}. */
    void goAway() {
        server.stop(0);
    }

    /**
     * Listens again on the same port but turns every request away with a 503, as a master does
     * while it starts (replaying its journal), until {@link #comeBack}; counts them in {@link #turnedAway}.
     */
    void startSlowly() throws IOException {
        starting = true;
        server = listen(port);
    }

    /** Listens again on the same port, with everything it knew (a master that resumes), or ends {@link #startSlowly}. */
    void comeBack() throws IOException {
        if (starting) starting = false;
        else server = listen(port);
    }

    void addJob(String jobId, Map<String, String> conf, byte[] jar) throws Exception {
        addJob(jobId, conf, jar, List.of());
    }

    /** A job that ships {@code shipped} (each with its content in {@link #files}). */
    void addJob(String jobId, Map<String, String> conf, byte[] jar, List<JobSpec.ShippedFile> shipped) throws Exception {
        jars.put(jobId, jar);
        specs.put(jobId, new JobSpec(jobId, conf, sha256(jar), shipped));
    }

    /** Serves {@code content} as a shipped file; returns how a spec lists it. */
    JobSpec.ShippedFile ship(String alias, String kind, byte[] content) throws Exception {
        String sha = sha256(content);
        files.put(sha, content);
        return new JobSpec.ShippedFile(alias, sha, content.length, kind);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The next heartbeat (answered or not) that matches, waiting up to 10 s; earlier ones are passed over. */
    HeartbeatRequest awaitHeartbeat(Predicate<HeartbeatRequest> p) throws InterruptedException {
        return awaitHeartbeat(p, WAIT_SECONDS);
    }

    /** As {@link #awaitHeartbeat(Predicate)}, waiting up to {@code seconds}. */
    HeartbeatRequest awaitHeartbeat(Predicate<HeartbeatRequest> p, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            HeartbeatRequest h = heartbeats.poll(100, TimeUnit.MILLISECONDS);
            if (h != null && p.test(h)) return h;
        }
        throw new AssertionError("no such heartbeat within " + seconds + " s");
    }

    /** Waits up to {@link #WAIT_SECONDS} until each attempt has reported {@code status} in some heartbeat; returns those reports. */
    Map<String, AttemptReport> awaitStatus(String status, Collection<String> attempts) throws InterruptedException {
        return awaitStatus(status, attempts, WAIT_SECONDS);
    }

    /** As {@link #awaitStatus(String, Collection)}, waiting up to {@code seconds}. */
    Map<String, AttemptReport> awaitStatus(String status, Collection<String> attempts, int seconds) throws InterruptedException {
        Map<String, AttemptReport> seen = new HashMap<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!seen.keySet().containsAll(attempts)) {
            if (System.nanoTime() > until) throw new AssertionError("no " + status + " within " + seconds + " s from all of " + attempts + "; got " + seen.keySet());
            HeartbeatRequest h = heartbeats.poll(100, TimeUnit.MILLISECONDS);
            if (h == null) continue;
            for (AttemptReport r : h.reports()) {
                if (r.status().equals(status) && attempts.contains(r.attempt())) seen.putIfAbsent(r.attempt(), r);
            }
        }
        return seen;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (starting) {
                turnedAway.incrementAndGet();
                reply(x, 503, JSON.writeValueAsBytes(new Problem(503, "the master is starting")));
            } else if (path.equals("/api/v1/workers/register")) {
                registrations.add(JSON.readValue(x.getRequestBody(), RegisterRequest.class));
                reply(x, 200, JSON.writeValueAsBytes(new RegisterResponse(incarnations.getAndIncrement(), registrationKills)));
            } else if (path.equals("/api/v1/heartbeat")) {
                HeartbeatRequest h = JSON.readValue(x.getRequestBody(), HeartbeatRequest.class);
                heartbeats.add(h);
                boolean outcome = h.reports().stream().anyMatch(r -> !r.status().equals("RUNNING"));
                if (outcome && refuseOutcomeBeats > 0) {
                    refuseOutcomeBeats--;
                    reply(x, 400, JSON.writeValueAsBytes(new Problem(400, "scripted refusal of a report")));
                    return;
                }
                if (outcome && failOutcomeBeats > 0) {
                    failOutcomeBeats--;
                    reply(x, 500, JSON.writeValueAsBytes(new Problem(500, "scripted failure")));
                    return;
                }
                if (outcome && reregisterOutcomeBeats > 0) {
                    reregisterOutcomeBeats--;
                    answered.add(h);
                    reply(x, 200, JSON.writeValueAsBytes(new HeartbeatResponse(true, List.of(), List.of(), List.of(), List.of())));
                    return;
                }
                HeartbeatResponse answer = script.poll();
                if (answer == FAIL) {
                    reply(x, 500, JSON.writeValueAsBytes(new Problem(500, "scripted failure")));
                    return;
                }
                answered.add(h);
                reply(x, 200, JSON.writeValueAsBytes(answer == null ? EMPTY : answer));
            } else if (path.equals("/api/v1/fetch-failures")) {
                fetchFailures.add(JSON.readValue(x.getRequestBody(), FetchFailure.class));
                x.sendResponseHeaders(204, -1);
            } else if (path.startsWith("/api/v1/jobs/") && path.endsWith("/spec") && specs.containsKey(job(path))) {
                reply(x, 200, JSON.writeValueAsBytes(specs.get(job(path))));
            } else if (path.startsWith("/api/v1/jobs/") && path.endsWith("/jar") && jars.containsKey(job(path))) {
                jarRequests.incrementAndGet();
                x.getResponseHeaders().add(MasterClient.JAR_SHA256, specs.get(job(path)).jarSha256());
                reply(x, 200, jars.get(job(path)));
            } else if (path.startsWith("/api/v1/jobs/") && path.contains("/files/") && files.containsKey(path.substring(path.lastIndexOf('/') + 1))) {
                fileRequests.incrementAndGet();
                reply(x, 200, files.get(path.substring(path.lastIndexOf('/') + 1)));
            } else {
                reply(x, 404, JSON.writeValueAsBytes(new Problem(404, "no " + path)));
            }
        }
    }

    private static String job(String path) {
        String[] parts = path.split("/");
        return parts[4];
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
