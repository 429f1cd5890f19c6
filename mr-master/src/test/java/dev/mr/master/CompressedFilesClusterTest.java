package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.cli.DfsCli;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.WordMapper;
import dev.mr.protocol.JobView;
import dev.mr.protocol.SubmitResponse;
import dev.mr.security.ClusterSecret;
import dev.mr.security.ClusterSecretExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed files on real daemons, where they live in dfs chunks:
 * a gzip, a bzip2 and a zstd copy of a text (made by the system tools, each spanning several
 * chunks) are each one map and count exactly as the plain text; output written with
 * {@code mr.output.compress=gzip} is listed as {@code part-r-NNNNN.gz} and {@code mr-dfs cat}
 * of the output directory piped through the system's {@code gzip -dc} gives the counts; a
 * truncated {@code .gz} fails the job naming the file.
 */
class CompressedFilesClusterTest {

    @TempDir
    static Path tmp;
    static LocalCluster cluster;
    static Map<String, String> env;
    static Map<String, Long> expected = new TreeMap<>();
    static Path local;
    static byte[] jar;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(tmp.resolve("cluster"), TestCluster.fastConf(), 2, 2);
        env = Map.of("MR_MASTER", cluster.master.url(), ClusterSecret.ENV, ClusterSecretExtension.secretFile().toString());
        Random random = new Random(16);
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 60_000; line++) {
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                String word = "w" + random.nextInt(5000);
                text.append(i == 0 ? "" : " ").append(word);
                expected.merge(word, 1L, Long::sum);
            }
            text.append('\n');
        }
        local = Files.writeString(tmp.resolve("words.txt"), text, StandardCharsets.UTF_8);
        jar = TestJars.of(WordMapper.class, CountReducer.class);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static Path tool(Path in, String name, String... command) throws Exception {
        Path out = tmp.resolve(name);
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }

    private static void put(Path file, String dfsPath) {
        TlsClusterTest.Run put = TlsClusterTest.dfs(env, "put", file.toString(), dfsPath);
        assertEquals(0, put.code(), put.err());
    }

    private static JobView run(String input, String output, String... settings) throws Exception {
        Map<String, String> job = new HashMap<>(Api.jobConf(input, output, 2));
        job.put("mr.mapper.class", WordMapper.class.getName());
        // tasks on the workers' threads: CompressedFilesIT runs them in executors started from the real scripts
        job.put("mr.executor", "thread");
        for (int i = 0; i < settings.length; i += 2) job.put(settings[i], settings[i + 1]);
        Api.Reply r = cluster.api.submit(jar, Api.spec(job));
        assertEquals(201, r.status(), r.text());
        String jobId = r.as(SubmitResponse.class).jobId();
        return cluster.api.awaitJob(jobId, 120_000, v -> v.finishTime() >= 0);
    }

    private static Map<String, Long> counts(String text) {
        Map<String, Long> got = new TreeMap<>();
        for (String line : text.split("\n")) {
            String[] kv = line.split("\t");
            got.put(kv[0], Long.parseLong(kv[1]));
        }
        return got;
    }

    @Test
    void compressedCopiesInDfsCountAsThePlainText() throws Exception {
        put(local, "/in/plain/words.txt");
        JobView plain = run("dfs:/in/plain", "/out/plain");
        assertEquals("SUCCEEDED", plain.state(), plain::toString);
        assertTrue(plain.maps() > 1, "the plain text is split at chunks: " + plain.maps());
        for (String[] t : new String[][] {{"gzip", ".gz"}, {"bzip2", ".bz2"}, {"zstd", ".zst"}}) {
            Path compressed = tool(local, "words.txt" + t[1], t[0], "-c");
            assertTrue(Files.size(compressed) > 2 * TestCluster.CHUNK, "spans chunks: " + Files.size(compressed));
            put(compressed, "/in/" + t[0] + "/words.txt" + t[1]);
            JobView view = run("dfs:/in/" + t[0], "/out/" + t[0]);
            assertEquals("SUCCEEDED", view.state(), view::toString);
            assertEquals(1, view.maps(), t[0] + " is read whole by one map");
            TlsClusterTest.Run cat = TlsClusterTest.dfs(env, "cat", "/out/" + t[0]);
            assertEquals(0, cat.code(), cat.err());
            assertEquals(expected, counts(cat.out()), t[0]);
        }
    }

    @Test
    void gzipOutputIsListedAsPartGzAndCatThroughGzipGivesTheCounts() throws Exception {
        put(local, "/in/out-test/words.txt");
        JobView view = run("dfs:/in/out-test", "/out/gz", "mr.output.compress", "gzip");
        assertEquals("SUCCEEDED", view.state(), view::toString);
        TlsClusterTest.Run ls = TlsClusterTest.dfs(env, "ls", "/out/gz");
        assertEquals(0, ls.code(), ls.err());
        assertTrue(ls.out().contains("part-r-00000.gz") && ls.out().contains("part-r-00001.gz") && ls.out().contains("_SUCCESS"), ls.out());
        assertTrue(!ls.out().matches("(?s).*part-r-0000[01]\\s.*"), "no uncompressed part files: " + ls.out());
        // mr-dfs cat writes the bytes as stored; gzip reads the two parts' members as one stream
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int code = DfsCli.run(new String[] {"cat", "/out/gz"}, new PrintStream(raw, true), System.err, env, false);
        assertEquals(0, code);
        Path catted = Files.write(tmp.resolve("catted.gz"), raw.toByteArray());
        Path back = tool(catted, "back.txt", "gzip", "-dc");
        assertEquals(expected, counts(Files.readString(back)));
    }

    @Test
    void aTruncatedGzipInDfsFailsTheJobNamingIt() throws Exception {
        byte[] whole = Files.readAllBytes(tool(local, "whole.gz", "gzip", "-c"));
        Path truncated = Files.write(tmp.resolve("truncated.gz"), Arrays.copyOf(whole, whole.length - 1000));
        put(truncated, "/in/truncated/words.txt.gz");
        JobView view = run("dfs:/in/truncated", "/out/truncated");
        assertEquals("FAILED", view.state(), view::toString);
        assertTrue(view.diagnostics().contains("input dfs:/in/truncated/words.txt.gz is corrupt at compressed byte " + (whole.length - 1000)),
                view.diagnostics());
    }
}
