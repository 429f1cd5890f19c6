package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.RegisterRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request the master cannot serve gets a specific status with a Problem body that names
 * what was wrong, so that a worker, mr-submit or a user with curl can act on it; and a worker
 * the master does not know (after a master restart, say) is told to register again, not failed.
 */
class ApiErrorsTest {

    @TempDir
    static Path tmp;
    static TestCluster c;

    @BeforeAll
    static void start() throws Exception {
        c = TestCluster.start(tmp, TestCluster.fastConf(), 0);
    }

    @AfterAll
    static void stop() {
        if (c != null) c.close();
    }

    @Test
    void unknownJobsAndEndpointsAre404() throws Exception {
        problem(404, "no job job_0099 on this master", c.api.get("/api/v1/jobs/job_0099"));
        problem(404, "no job job_0099 on this master", c.api.get("/api/v1/jobs/job_0099/tasks"));
        problem(404, "no job job_0099 on this master", c.api.get("/api/v1/jobs/job_0099/jar"));
        problem(404, "no job job_0099 on this master", c.api.post("/api/v1/jobs/job_0099/kill", null, new byte[0]));
        problem(404, "no such endpoint: GET /api/v1/nope", c.api.get("/api/v1/nope"));
    }

    @Test
    void malformedRequestsAre400And415() throws Exception {
        problem(400, "malformed HeartbeatRequest", c.api.post("/api/v1/heartbeat", "application/json", bytes("{not json")));
        problem(400, "malformed RegisterRequest", c.api.post("/api/v1/workers/register", "application/json", bytes("{\"workerId\": \"w\", \"colour\": 1}")));
        problem(415, "expected Content-Type: application/json", c.api.post("/api/v1/heartbeat", "text/plain", bytes("{}")));
        problem(400, "missing JSON body", c.api.post("/api/v1/heartbeat", "application/json", new byte[0]));
        problem(400, "'job_1' is not an attempt id", c.api.postJson("/api/v1/heartbeat", new HeartbeatRequest("w", 1, 1,
                List.of(new AttemptReport("job_1", AttemptReport.RUNNING, 0, 0, null, null, null)), null)));
        problem(400, "has status 'DONE'", c.api.postJson("/api/v1/heartbeat", new HeartbeatRequest("w", 1, 1,
                List.of(new AttemptReport("job_0001_m_000000_0", "DONE", 0, 0, null, null, null)), null)));
        problem(400, "has address 'nowhere'", c.api.postJson("/api/v1/workers/register", new RegisterRequest("w", "h:1", "nowhere", 2)));
        problem(400, "missing workerId", c.api.postJson("/api/v1/workers/register", new RegisterRequest(null, "h:1", "http://h:1", 2)));
        problem(400, "limit=0 must lie between 1 and 1000", c.api.get("/api/v1/jobs?limit=0"));
        problem(400, "offset=abc is not an integer", c.api.get("/api/v1/jobs?offset=abc"));
    }

    @Test
    void unknownWorkersAreToldToRegister() throws Exception {
        Api.Reply r = c.api.postJson("/api/v1/heartbeat", new HeartbeatRequest("stranger", 7, 2, List.of(), null));
        assertEquals(200, r.status(), r.text());
        assertTrue(r.as(HeartbeatResponse.class).reregister());
        problem(404, "unknown worker stranger; register first", c.api.postJson("/api/v1/fetch-failures",
                new FetchFailure("stranger", 7, "job_0001_r_000000_0", "job_0001_m_000000_0", "connection refused")));
    }

    @Test
    void theWebPageIsServedAtTheRootWithAPolicyAgainstInjectedScripts() throws Exception {
        Api.Reply r = c.api.get("/");
        assertEquals(200, r.status());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        assertTrue(r.text().contains("src=\"js/jobs.js\""), r.text());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"), r.headers().toString());
        Api.Reply js = c.api.get("/js/job.js");
        assertEquals(200, js.status());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), js.headers().toString());
        assertEquals(404, c.api.get("/no-such-page.html").status());
    }

    @Test
    void theWebPagesEndpointsRefuseBadParameters() throws Exception {
        problem(400, "state=sleeping is not a job state", c.api.get("/api/v1/jobs?state=sleeping"));
        problem(404, "no job job_0099 on this master", c.api.get("/api/v1/jobs/job_0099/stats"));
        problem(404, "no job job_0099 on this master", c.api.get("/api/v1/jobs/job_0099/timeline"));
        problem(400, "limit=0 must lie between 1 and 20000", c.api.get("/api/v1/jobs/job_0099/timeline?limit=0"));
        problem(400, "sort=colour is not a column", c.api.get("/api/v1/jobs/job_0099/tasks?sort=colour"));
        problem(400, "order=up is not an order", c.api.get("/api/v1/jobs/job_0099/tasks?order=up"));
        problem(400, "'nope' is not an attempt id", c.api.get("/api/v1/jobs/job_0099/attempts/nope"));
        problem(404, "attempt job_0001_m_000000_0 is not one of job job_0099", c.api.get("/api/v1/jobs/job_0099/attempts/job_0001_m_000000_0"));
        problem(404, "no job job_0099 on this master", c.api.get("/api/v1/jobs/job_0099/attempts/job_0099_m_000000_0"));
        problem(404, "dfs:/nowhere does not exist", c.api.get("/api/v1/storage/ls?path=/nowhere"));
        problem(400, "limit=5000 must lie between 1 and 1000", c.api.get("/api/v1/storage/ls?limit=5000"));
    }

    static void problem(int status, String message, Api.Reply r) {
        assertEquals(status, r.status(), r.text());
        assertEquals(status, r.problem().status());
        assertTrue(r.problem().error().contains(message), "expected '" + message + "' in: " + r.problem().error());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
