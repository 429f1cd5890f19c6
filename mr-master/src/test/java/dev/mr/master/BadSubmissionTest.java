package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.master.core.MasterSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission is checked before the master accepts anything of it: each kind of bad job gets
 * its own 4xx status with a message naming the problem (or, for a missing class or input, the
 * client that computes the splits refuses it before uploading), and leaves nothing behind: no journal
 * record (a restarted master lists no job and the next good job is job_0001), no stored jar,
 * no upload, and nothing in dfs.
 */
class BadSubmissionTest {

    static final long LIMIT = 256 << 10;

    @TempDir
    Path tmp;

    @Test
    void badSubmissionsAreRefusedWithASpecificErrorAndLeaveNothingBehind() throws Exception {
        Configuration conf = TestCluster.fastConf().setLong(MasterSettings.SUBMIT_MAX_BYTES, LIMIT);
        try (TestCluster c = TestCluster.start(tmp, conf, 0)) {
            DfsClient dfs = c.dfs();
            dfs.mkdirs("/in");
            dfs.mkdirs("/taken");
            List<FileInfo> before = dfs.list("/").entries();
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            Map<String, String> good = Api.jobConf("/in", "/out", 1);

            Map<String, String> missingClass = new HashMap<>(good);
            missingClass.put("mr.mapper.class", "com.acme.WcMap");
            refusedByClient("mapper class com.acme.WcMap (mr.mapper.class) not found in job.jar", () -> c.api.submit(jar, Api.spec(missingClass)));
            refused(c, 400, "the submission has no 'splits' part", c.api.submit(jar, Api.spec(good), null));
            refused(c, 400, "the job spec is not well-formed JSON", c.api.submit(jar, "{\"conf\": {\"mr.mapper.class\": "));
            refused(c, 400, "the job spec has no settings", c.api.submit(jar, "{}"));
            refused(c, 400, "output dfs:/taken already exists; remove it or set mr.output.overwrite=true",
                    c.api.submit(jar, Api.spec(Api.jobConf("/in", "/taken", 1))));
            refusedByClient("input dfs:/logs/x does not exist", () -> c.api.submit(jar, Api.spec(Api.jobConf("dfs:/logs/x", "/out", 1))));
            refused(c, 400, "is not a readable jar", c.api.submit("not a jar at all".getBytes(), Api.spec(good)));
            refused(c, 400, "the submission has no 'jar' part", c.api.submit(null, Api.spec(good)));
            refused(c, 400, "the submission has no 'spec' part", c.api.submit(jar, null));
            Map<String, String> badSetting = new HashMap<>(good);
            badSetting.put("mr.task.max.attempts", "0");
            refused(c, 400, "setting mr.task.max.attempts=0 must be at least 1", c.api.submit(jar, Api.spec(badSetting)));
            Map<String, String> badExecutor = new HashMap<>(good);
            badExecutor.put("mr.executor", "docker");
            refused(c, 400, "mr.executor must be process or thread, not docker", c.api.submit(jar, Api.spec(badExecutor)));
            refused(c, 413, "request body exceeds the limit of " + LIMIT + " bytes (mr.submit.max.bytes)",
                    c.api.submit(new byte[(int) LIMIT + 1], Api.spec(good)));
            refused(c, 415, "a submission is multipart/form-data", c.api.post("/api/v1/jobs", "application/json", Api.spec(good).getBytes()));

            assertEquals(before, dfs.list("/").entries(), "nothing written to dfs");
            assertEquals(List.of(), files(c.dir.resolve("node-master/master/jars")), "no jar kept");
            awaitEmpty(c.dir.resolve("node-master/master/uploads"));
            assertEquals(0, c.api.jobs().total());

            c.restartMaster();
            assertEquals(0, c.api.jobs().total(), "nothing journaled");
            Api.Reply ok = c.api.submit(jar, Api.spec(good));
            assertEquals(201, ok.status(), ok.text());
            assertTrue(ok.text().contains("\"job_0001\""), ok.text());
        }
    }

    private static void refused(TestCluster c, int status, String message, Api.Reply r) {
        assertEquals(status, r.status(), r.text());
        Problem p = r.problem();
        assertEquals(status, p.status());
        assertTrue(p.error().contains(message), "expected '" + message + "' in: " + p.error());
    }

    /** The job's classes and inputs are checked by the client, which computes the splits, before anything is uploaded. */
    private static void refusedByClient(String message, Executable submit) {
        InvalidJobException e = assertThrows(InvalidJobException.class, submit);
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    }

    /** Uploads are deleted once the answer is sent, which may be just after the client has it. */
    private static void awaitEmpty(Path dir) throws Exception {
        await(Duration.ofSeconds(5), "no upload left", () -> files(dir).isEmpty(), () -> "left: " + files(dir));
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
