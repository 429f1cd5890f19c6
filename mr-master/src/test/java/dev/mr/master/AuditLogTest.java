package dev.mr.master;

import dev.mr.security.Credentials;
import static dev.mr.api.testing.Await.awaitValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator must be able to tell who changed what on the master: every state-changing
 * request to the REST API and the dfs master leaves one line in {@code master/audit.log}, with
 * the time, allowed, user, ip, command and status, and the job it concerned; reads and the
 * many-per-second heartbeats leave none, and a query string (where a token may travel) is never
 * written. The log is written off the event loop, so the test waits, boundedly, for the lines.
 */
class AuditLogTest {

    private static final Pattern LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\tallowed=(true|false)\tuser=\\S+\tip=\\S+\tcmd=[A-Z]+ /\\S*\tstatus=\\d{3}(\tjob=job_\\d+)?(\tsrc=[^\t]+)?(\tdst=[^\t]+)?");

    @TempDir
    Path tmp;

    @Test
    void aKillAndAMkdirsLeaveOneAuditLineEachAndReadsAndHeartbeatsNone() throws Exception {
        try (TestCluster c = TestCluster.start(tmp, TestCluster.fastConf(), 0)) {
            Path audit = c.dir.resolve("node-master/master/audit.log");
            c.dfs().mkdirs("/empty");
            assertEquals(201, c.api.submit(TestJars.of(LineMapper.class, CountReducer.class),
                    Api.spec(Api.jobConf("/empty", "/out", 1))).status());
            new FakeWorker(c.api, "w1", "127.0.0.1:9001", "http://127.0.0.1:9001").register(1).heartbeat(0);
            c.api.get("/api/v1/jobs/job_0001");
            Api stranger = new Api(c.api.base, Credentials.none());
            assertEquals(401, stranger.post("/api/v1/jobs/job_0001/kill", null, new byte[0]).status());
            assertEquals(202, c.api.post("/api/v1/jobs/job_0001/kill?token=s3cret", null, new byte[0]).status());
            c.dfs().mkdirs("/made/here");

            // the master's own dfs calls (preparing and aborting the job's output) are audited too; these are the client's,
            // signed as the user running the test (dfs) and as "mr" (the test's API client, as the daemons sign)
            String mkdirs = "allowed=true\tuser=" + Credentials.localUser() + "\tip=127.0.0.1\tcmd=POST /dfs/v1/master/mkdirs\tstatus=200\tsrc=/made/here";
            String kill = "allowed=true\tuser=mr\tip=127.0.0.1\tcmd=POST /api/v1/jobs/job_0001/kill\tstatus=202\tjob=job_0001";
            String refused = "allowed=false\tuser=anonymous\tip=127.0.0.1\tcmd=POST /api/v1/jobs/job_0001/kill\tstatus=401\tjob=job_0001";
            List<String> lines = awaitLines(audit, mkdirs);
            for (String line : lines) assertTrue(LINE.matcher(line).matches(), "not an audit line: " + line);
            assertEquals(1, lines.stream().filter(l -> fields(l).equals(mkdirs)).count(), "one line for the mkdirs: " + lines);
            assertEquals(1, lines.stream().filter(l -> fields(l).equals(kill)).count(), "one line for the kill: " + lines);
            assertEquals(1, lines.stream().filter(l -> fields(l).equals(refused)).count(), "one line for the refused kill: " + lines);
            assertEquals(1, lines.stream().filter(l -> fields(l).equals(
                    "allowed=true\tuser=mr\tip=127.0.0.1\tcmd=POST /api/v1/jobs\tstatus=201\tjob=job_0001")).count(), lines.toString());
            assertEquals(1, lines.stream().filter(l -> l.contains("cmd=POST /api/v1/workers/register\tstatus=200")).count(), lines.toString());
            String all = Files.readString(audit, StandardCharsets.UTF_8);
            assertFalse(all.contains("s3cret") || all.contains("token"), "no query string in the audit log: " + all);
            assertFalse(all.contains("heartbeat") || all.contains("GET "), "no heartbeats or reads: " + all);
        }
    }

    /** The line without its time. */
    private static String fields(String line) {
        return line.substring(line.indexOf('\t') + 1);
    }

    /** The log's lines once one ends with {@code last}, the request the test sent last (the log is written on a thread of its own). */
    private static List<String> awaitLines(Path audit, String last) throws Exception {
        List<List<String>> seen = new ArrayList<>(List.of(List.of()));
        return awaitValue(Duration.ofSeconds(10), "an audit line ending with " + last, () -> {
            List<String> lines = Files.exists(audit) ? Files.readAllLines(audit, StandardCharsets.UTF_8) : List.of();
            seen.set(0, lines);
            return lines.stream().anyMatch(l -> l.endsWith(last)) ? lines : null;
        }, () -> "lines: " + seen.get(0));
    }
}
