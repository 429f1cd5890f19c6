package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.io.FileSplit;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.api.spi.SplitCodec;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.master.testjob.MarkerInputFormat;
import dev.mr.protocol.JobView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master never runs a job's code: a jar whose input format acts in its static initializer
 * is validated and accepted through the real HTTP API while nothing in this process (the
 * master's) initializes that class, because the splits come from the client; and a submission
 * without usable splits is refused with a 400 that names the splits part.
 */
class MasterRunsNoJobCodeTest {

    private static final String FORMAT = "dev.mr.master.testjob.MarkerInputFormat";

    @TempDir
    Path tmp;

    @AfterEach
    void clearMarker() {
        System.clearProperty(MarkerInputFormat.MARKER);
    }

    @Test
    void theMasterAcceptsAJobWithoutInitializingAnyOfItsClasses() throws Exception {
        Path marker = tmp.resolve("initialized-in-pid");
        System.setProperty(MarkerInputFormat.MARKER, marker.toString());
        try (TestCluster c = TestCluster.start(tmp.resolve("c"), TestCluster.fastConf(), 1)) {
            byte[] data = "a\nb\n".getBytes(StandardCharsets.UTF_8);
            c.put("/in/a.txt", data);
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class, MarkerInputFormat.class);
            Map<String, String> conf = new HashMap<>(Api.jobConf("dfs:/in/a.txt", "/out", 1));
            conf.put("mr.input.format", FORMAT);
            // What a client sends after running the input format on its side; built here without touching the format's class.
            String split = new SplitCodec(getClass().getClassLoader(), List.of()).encode(new FileSplit("dfs:/in/a.txt", 0, data.length, List.of()));
            String splits = Api.splitsJson(List.of(new EncodedSplit(split, "dfs:/in/a.txt", data.length, List.of())));

            Api.Reply r = c.api.submit(jar, Api.spec(conf), splits);
            assertEquals(201, r.status(), r.text());
            JobView v = c.api.job("job_0001");
            assertEquals(1, v.maps());
            assertEquals("LineMapper", v.name());
            assertFalse(Files.exists(marker), "the master initialized the job's input format: " + (Files.exists(marker) ? Files.readString(marker) : ""));
        }
        Class.forName(FORMAT, true, getClass().getClassLoader());
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(marker), "the marker works when the class is initialized");
    }

    @Test
    void aSubmissionWithoutUsableSplitsIsRefusedNamingTheSplitsPart() throws Exception {
        try (TestCluster c = TestCluster.start(tmp.resolve("c"), TestCluster.fastConf(), 0)) {
            c.dfs().mkdirs("/in");
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            String spec = Api.spec(Api.jobConf("/in", "/out", 1));
            problem(400, "the submission has no 'splits' part; send the job's input splits", c.api.submit(jar, spec, null));
            problem(400, "the 'splits' part is not well-formed", c.api.submit(jar, spec, "{\"splits\": [{\"split\": "));
            problem(400, "the 'splits' part is not well-formed", c.api.submit(jar, spec, "{\"splits\": 3}"));
            problem(400, "the 'splits' part has no list of splits", c.api.submit(jar, spec, "{}"));
            problem(400, "input split 0 is not base64", c.api.submit(jar, spec, "{\"splits\": [{\"split\": \"@@\", \"length\": 1}]}"));
            problem(400, "input split 0 has a negative length", c.api.submit(jar, spec, "{\"splits\": [{\"split\": \"AQID\", \"length\": -1}]}"));
            assertEquals(0, c.api.jobs().total());
        }
    }

    private static void problem(int status, String message, Api.Reply r) {
        assertEquals(status, r.status(), r.text());
        assertTrue(r.problem().error().contains(message), "expected '" + message + "' in: " + r.problem().error());
    }
}
