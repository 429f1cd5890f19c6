package dev.mr.worker.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Problem;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.SubmittedSplits;
import dev.mr.security.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mr-submit --wait} follows a job for hours, and the master may restart meanwhile: the
 * submitter must ride through (one line when the master goes, one when it is back), end with the
 * job's real state, give up after its bound with the job to check, and never submit a job twice.
 * A real HTTP master on a fixed port that goes away and comes back; a manual clock that only the
 * ride's sleeps move, so nothing here waits for real.
 */
class MasterRideTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final int port = freePort();
    final String url = "http://127.0.0.1:" + port;
    final JobClient client = new JobClient(url, Credentials.none());
    final List<String> said = new ArrayList<>();
    final List<Long> sleeps = new ArrayList<>();
    final AtomicInteger submissions = new AtomicInteger();
    long now;
    HttpServer server;
    volatile String state = "RUNNING";
    /** What the next sleep does (the master coming back, say); null does nothing. */
    Runnable onSleep;

    @TempDir
    static Path tmp;

    static Path jar;

    @BeforeAll
    static void jar() throws IOException {
        jar = Files.write(tmp.resolve("job.jar"), new byte[] {'P', 'K', 5, 6});
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void masterUp() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/jobs", this::handle);
        server.start();
    }

    void masterDown() {
        server.stop(0);
        server = null;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (x.getRequestMethod().equals("POST")) {
                x.getRequestBody().readAllBytes();
                submissions.incrementAndGet();
                reply(x, 200, new SubmitResponse("job_0001", url + "/jobs/job_0001"));
            } else if (path.equals("/api/v1/jobs/job_0001")) {
                reply(x, 200, view(state));
            } else {
                reply(x, 404, new Problem(404, "no job " + path.substring(path.lastIndexOf('/') + 1) + " on this master"));
            }
        }
    }

    static void reply(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    static JobView view(String state) {
        boolean done = !state.equals("RUNNING");
        return new JobView("job_0001", "wc", state, null, 1, done ? 2 : -1, 4, 1, done ? 4 : 1, done ? 1 : 0, done ? 1 : 0.25,
                done ? 1 : 0, "dfs:/in", "dfs:/out", Map.of("task", Map.of("MAP_INPUT_RECORDS", 10L)), null, null, "me");
    }

    MasterRide ride(long maxMs) {
        MasterRetryPolicy policy = new MasterRetryPolicy(MasterRetryPolicy.DEFAULT_BACKOFF, maxMs, new Random(1));
        return new MasterRide(url, new MasterRetryLoop(policy, () -> now, ms -> {
            sleeps.add(ms);
            now += ms;
            Runnable r = onSleep;
            if (r != null && sleeps.size() == 4) r.run();
        }), said::add);
    }

    @Test
    void followingAJobRidesThroughAMasterRestartSayingEachChangeOnceAndEndsWithItsRealState() throws Exception {
        masterUp();
        MasterRide ride = ride(MasterRetryPolicy.DEFAULT_MAX_MS);
        assertEquals("RUNNING", ride.poll("job_0001", () -> client.job("job_0001", 0)).state());
        masterDown();
        state = "FAILED";
        onSleep = this::masterUp;
        JobView v = ClusterJobRunner.follow(client, ride, "job_0001", null);
        assertEquals("FAILED", v.state(), "the state the master reports after its restart");
        assertEquals(4, sleeps.size(), "refused until the fourth wait brought the master back: " + sleeps);
        long down = sleeps.stream().mapToLong(Long::longValue).sum();
        assertEquals(List.of(
                "master " + url + " is unreachable (connection refused); retrying until it is back (mr.client.retry.max.ms=900000)",
                "master " + url + " is back after " + MasterRetryLoop.duration(down) + "; following job job_0001 again"), said);
    }

    @Test
    void givesUpAfterItsBoundNamingTheMasterHowLongAndTheJobToCheck() {
        MasterRide ride = ride(60_000);
        IOException e = assertThrows(IOException.class, () -> ClusterJobRunner.follow(client, ride, "job_0001", null));
        assertEquals("gave up on master " + url + " after trying for 1 min (mr.client.retry.max.ms=60000): connection refused; job job_0001 "
                + "may still be running: check it when the master is back (" + url + "/api/v1/jobs/job_0001 or the web page)", e.getMessage());
        assertEquals(1, said.size(), said.toString());
    }

    @Test
    void aMasterThatCameBackWithoutTheJobIsAnErrorThatSaysSo() {
        onSleep = this::masterUp;
        MasterRide ride = ride(MasterRetryPolicy.DEFAULT_MAX_MS);
        IOException e = assertThrows(IOException.class, () -> ClusterJobRunner.follow(client, ride, "job_0007", null));
        assertEquals("master " + url + " does not know job job_0007 (no job job_0007 on this master): did it come back with another --dir, "
                + "or another master take its address? Look for the job on the master that accepted it", e.getMessage());
    }

    @Test
    void aSubmissionRefusedBeforeItWasSentGoesAgainAndCreatesOneJob() throws Exception {
        onSleep = this::masterUp;
        MasterRide ride = ride(MasterRetryPolicy.DEFAULT_MAX_MS);
        SubmitResponse r = ride.submit(this::post);
        assertEquals("job_0001", r.jobId());
        assertEquals(1, submissions.get());
        assertEquals(2, said.size(), said.toString());
        assertTrue(said.get(1).startsWith("master " + url + " is back after "), said.toString());
    }

    @Test
    void aSubmissionWhoseConnectionBrokeAfterItWasSentIsNotSentAgain() throws Exception {
        // a master that reads the whole submission and dies before it answers
        try (ServerSocket dying = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (var s = dying.accept()) {
                    submissions.incrementAndGet();
                    s.setSoTimeout(500); // all of it: the client waits for an answer once it has sent the last byte
                    while (s.getInputStream().read(new byte[8192]) >= 0) {
                        // reading
                    }
                } catch (IOException ignored) {
                    // the test sees what the client made of it
                }
            });
            t.start();
            MasterRide ride = ride(MasterRetryPolicy.DEFAULT_MAX_MS);
            IOException e = assertThrows(IOException.class, () -> ride.submit(this::post));
            t.join();
            assertTrue(e.getMessage().startsWith("the connection to master " + url + " broke after the job was sent ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("it may or may not have been accepted; look for it among the master's jobs (" + url
                    + "/api/v1/jobs or the web page) before submitting it again"), e.getMessage());
            assertEquals(1, submissions.get(), "sent once");
            assertEquals(List.of(), sleeps, "and not again");
            assertEquals(List.of(), said, "no promise to retry");
        }
    }

    /** A submission through the real client; what it carries does not matter to these masters. */
    private SubmitResponse post() throws IOException, InterruptedException {
        return client.submit(jar, Map.of("mr.job.name", "wc"), new SubmittedSplits(List.of()), List.of());
    }
}
