package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.WordMapper;
import dev.mr.protocol.JobView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed map output end to end on real daemons: maps write LZ4 or Zstandard spills and
 * outputs (in executors, which hand the index to their daemon, and on the daemon's threads), the
 * workers serve them as stored, reducers on the other worker fetch, decompress and merge them,
 * and the output is byte for byte the local runner's over the same input without compression.
 * The counters show the shuffle's stored bytes below its raw bytes.
 */
class MapOutputCompressionClusterTest {

    @TempDir
    static Path tmp;
    static LocalCluster cluster;
    static Path allowed;
    static Path input;
    static Path oracle;

    @BeforeAll
    static void start() throws Exception {
        allowed = Files.createDirectories(tmp.resolve("data"));
        StringBuilder text = new StringBuilder();
        Random random = new Random(16);
        for (int line = 0; line < 60_000; line++) {
            for (int i = 0; i < 1 + random.nextInt(6); i++) text.append(i == 0 ? "" : " ").append("w").append(random.nextInt(20_000));
            text.append('\n');
        }
        input = Files.writeString(allowed.resolve("in.txt"), text, StandardCharsets.UTF_8);
        oracle = tmp.resolve("local-out");
        Job local = Job.create().set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.MAP_OUTPUT_COMPRESS, "none")
                .mapper(WordMapper.class).reducer(CountReducer.class).reducers(2).input(input.toString()).output(oracle.toString());
        assertTrue(local.waitForCompletion(false));
        Configuration conf = TestCluster.fastConf().set(FileRoots.SETTING, allowed.toString());
        cluster = LocalCluster.start(tmp.resolve("cluster"), conf, 2, 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void lz4InExecutorsGivesTheLocalRunnersOutput() throws Exception {
        runAndCompare("lz4", "process");
    }

    @Test
    void zstdOnWorkerThreadsGivesTheLocalRunnersOutput() throws Exception {
        runAndCompare("zstd", "thread");
    }

    @Test
    void aMapOutputCodecNoWorkerHasIsRefusedBeforeTheMasterHearsOfTheJob() throws Exception {
        Path jar = Files.write(tmp.resolve("words.jar"), TestJars.of(WordMapper.class, CountReducer.class));
        int jobsBefore = cluster.api.jobs().items().size();
        Job job = Job.create(new Configuration().set(ConfKeys.MASTER, cluster.master.url())).name("snappy").jar(jar.toString())
                .set(ConfKeys.FRAMEWORK, "cluster").set(ConfKeys.MAP_OUTPUT_COMPRESS, "snappy")
                .mapper(WordMapper.class).reducer(CountReducer.class).reducers(2)
                .input("file:" + input).output("file:" + allowed.resolve("out-snappy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job.waitForCompletion(false));
        assertEquals("mr.map.output.compress=snappy is not a map output codec; use none, lz4 or zstd", e.getMessage());
        assertEquals(jobsBefore, cluster.api.jobs().items().size(), "nothing submitted");
        assertFalse(Files.exists(allowed.resolve("out-snappy")));
    }

    private void runAndCompare(String codec, String executor) throws Exception {
        String output = "out-" + codec;
        Map<String, String> conf = new HashMap<>(Api.jobConf("file:" + input, "file:" + allowed.resolve(output), 2));
        conf.put(ConfKeys.MAPPER, WordMapper.class.getName());
        conf.put(ConfKeys.SPLIT_SIZE, Long.toString(150_000));
        conf.put(ConfKeys.SORT_BUFFER_MB, "1"); // several spills per map, compressed too
        conf.put(ConfKeys.MAP_OUTPUT_COMPRESS, codec);
        conf.put(ConfKeys.EXECUTOR, executor);
        Api.Reply r = cluster.api.submit(TestJars.of(WordMapper.class, CountReducer.class), Api.spec(conf));
        assertEquals(201, r.status(), r.text());
        String id = r.as(dev.mr.protocol.SubmitResponse.class).jobId();
        JobView job = cluster.api.awaitJob(id, 120_000, v -> v.finishTime() >= 0);
        assertEquals("SUCCEEDED", job.state(), job.diagnostics());
        assertTrue(job.maps() >= 3, "maps on both workers: " + job.maps());
        for (String part : List.of("part-r-00000", "part-r-00001")) {
            assertArrayEquals(Files.readAllBytes(oracle.resolve(part)), Files.readAllBytes(allowed.resolve(output).resolve(part)),
                    codec + " " + part);
        }
        Map<String, Long> counters = job.counters().get("Framework");
        long stored = counters.get("SHUFFLE_BYTES");
        long raw = counters.get("SHUFFLE_RAW_BYTES");
        assertTrue(stored > 0 && stored * 3 < raw * 2, codec + " fetched " + stored + " bytes for " + raw + " raw");
        assertEquals(stored, counters.get("MAP_OUTPUT_MATERIALIZED_BYTES"), "reducers fetch every map output's bytes once");
    }
}
