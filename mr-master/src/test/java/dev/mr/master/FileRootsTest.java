package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.protocol.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master prepares, overwrites and aborts a cluster job's output itself, so a {@code file:}
 * path in a cluster job reaches the master's own disk: without a check, anyone who can submit
 * could make the master delete or write any directory it can reach. A cluster job may name
 * {@code file:} paths only under the roots the operator allowed ({@code --allow-file-root});
 * anything else, symbolic-link escapes included, is refused with a 400 that says what to do,
 * and the directory it named is left exactly as it was.
 */
class FileRootsTest {

    @TempDir
    Path tmp;

    @Test
    void withoutRootsAFileOutputOrInputIsRefusedAndNothingIsTouched() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path precious = Files.writeString(Files.createDirectories(outside.resolve("out")).resolve("precious.txt"), "keep me");
        Path input = Files.writeString(outside.resolve("in.txt"), "a\nb\n");
        try (TestCluster c = TestCluster.start(tmp.resolve("cluster"), TestCluster.fastConf(), 1)) {
            c.dfs().mkdirs("/in");
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);

            Map<String, String> overwrite = new HashMap<>(Api.jobConf("/in", "file:" + outside.resolve("out"), 1));
            overwrite.put(ConfKeys.OUTPUT_OVERWRITE, "true");
            refused(c.api.submit(jar, Api.spec(overwrite)), "output file:" + outside.resolve("out")
                    + " is on the master's local disk and the master allows no file: paths in cluster jobs");
            refused(c.api.submit(jar, Api.spec(Api.jobConf("file:" + input, "/out", 1))), "input file:" + input);
            assertEquals(List.of(precious), files(outside.resolve("out")), "the output named is untouched");
            assertEquals("keep me", Files.readString(precious));
            assertEquals(0, c.api.jobs().total());
        }
    }

    @Test
    void outsideTheAllowedRootsNothingIsDeletedEvenWithOverwriteOrThroughASymbolicLink() throws Exception {
        Path allowed = Files.createDirectories(tmp.resolve("allowed"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path precious = Files.writeString(Files.createDirectories(outside.resolve("out")).resolve("precious.txt"), "keep me");
        Path link = Files.createSymbolicLink(allowed.resolve("link"), outside);
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, allowed.toString());
        try (TestCluster c = TestCluster.start(tmp.resolve("cluster"), conf, 1)) {
            c.dfs().mkdirs("/in");
            byte[] jar = TestJars.of(LineMapper.class, CountReducer.class);
            for (Path target : List.of(outside.resolve("out"), link.resolve("out"))) {
                Map<String, String> overwrite = new HashMap<>(Api.jobConf("/in", "file:" + target, 1));
                overwrite.put(ConfKeys.OUTPUT_OVERWRITE, "true");
                overwrite.put(FileRoots.SETTING, "/"); // a job's own settings do not widen the master's roots
                refused(c.api.submit(jar, Api.spec(overwrite)), "output file:" + target
                        + " is on the master's local disk and it lies outside the directories the master allows (" + allowed.toRealPath() + ")");
            }
            assertEquals(List.of(precious), files(outside.resolve("out")), "nothing deleted");
            assertEquals("keep me", Files.readString(precious));
        }
    }

    @Test
    void insideAnAllowedRootAClusterJobReadsAndWritesFiles() throws Exception {
        Path allowed = Files.createDirectories(tmp.resolve("allowed"));
        Path input = Files.writeString(allowed.resolve("in.txt"), "b\na\nb\n", StandardCharsets.UTF_8);
        Path output = allowed.resolve("out");
        Files.createDirectories(output.resolve("old"));
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, allowed.toString());
        try (LocalCluster c = LocalCluster.start(tmp.resolve("cluster"), conf, 1, 1)) {
            Map<String, String> job = new HashMap<>(Api.jobConf("file:" + input, "file:" + output, 1));
            job.put(ConfKeys.OUTPUT_OVERWRITE, "true");
            Api.Reply r = c.api.submit(TestJars.of(LineMapper.class, CountReducer.class), Api.spec(job));
            assertEquals(201, r.status(), r.text());
            assertEquals("SUCCEEDED", c.api.awaitJob("job_0001", 60_000, v -> !v.state().equals("RUNNING")).state());
            assertTrue(Files.exists(output.resolve("_SUCCESS")));
            assertTrue(Files.notExists(output.resolve("old")), "overwrite replaced the old output");
            assertEquals("a\t1\nb\t2\n", Files.readString(output.resolve("part-r-00000")));
        }
    }

    private static void refused(Api.Reply r, String message) {
        assertEquals(400, r.status(), r.text());
        Problem p = r.problem();
        assertTrue(p.error().contains(message), "expected '" + message + "' in: " + p.error());
        assertTrue(p.error().contains("--allow-file-root"), p.error());
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
