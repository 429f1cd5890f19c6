package dev.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Job;
import dev.mr.api.TaskCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mr.map.output.compress} must change how map output is stored and nothing else: WordCount
 * (text, a combiner) and TeraSort (random keys, a total order partitioner) on the local runner,
 * with small buffers so that maps spill and merge, give byte for byte the part files of the same
 * job with {@code none}; the materialized and fetched bytes shrink where the data compresses,
 * and the raw bytes stay what they were.
 */
class MapOutputCompressionTest {

    @TempDir
    Path dir;

    @Test
    void wordCountGivesTheSameOutputWithEveryCodec() throws Exception {
        Path in = dir.resolve("in.txt");
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        String[] words = {"alpha", "beta", "gamma", "delta", "map", "reduce", "shuffle", "été", "日本"};
        for (int line = 0; line < 30_000; line++) {
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                text.append(i == 0 ? "" : " ").append(random.nextInt(4) == 0 ? "w" + random.nextInt(5000) : words[random.nextInt(words.length)]);
            }
            text.append('\n');
        }
        Files.writeString(in, text, StandardCharsets.UTF_8);
        Job none = run("none", out -> WordCount.job(LocalJobs.opts("-D", "mr.reducers=3", "-D", "mr.map.output.compress=none",
                in.toString(), out.toString())));
        for (String codec : List.of("lz4", "zstd")) {
            Job job = run(codec, out -> WordCount.job(LocalJobs.opts("-D", "mr.reducers=3", "-D", "mr.map.output.compress=" + codec,
                    in.toString(), out.toString())));
            assertSameParts(dir.resolve("none"), dir.resolve(codec), codec);
            assertTrue(materialized(job) * 4 < materialized(none) * 3, codec + ": " + materialized(job) + " stored of " + materialized(none));
            assertEquals(none.counters().get(TaskCounter.SHUFFLE_BYTES), job.counters().get(TaskCounter.SHUFFLE_RAW_BYTES));
            assertEquals(materialized(job), job.counters().get(TaskCounter.SHUFFLE_BYTES));
            assertEquals(none.counters().get(TaskCounter.MAP_OUTPUT_BYTES), job.counters().get(TaskCounter.MAP_OUTPUT_BYTES));
        }
    }

    @Test
    void teraSortGivesTheSameOutputWithEveryCodec() throws Exception {
        Path gen = dir.resolve("gen");
        assertTrue(TeraGen.job(LocalJobs.opts("-D", "teragen.maps=3", "20000", gen.toString())).waitForCompletion(false));
        Job none = run("none", out -> TeraSort.job(LocalJobs.opts("-D", "mr.reducers=3", "-D", "terasort.sample.size=1000",
                "-D", "mr.map.output.compress=none", gen.toString(), out.toString())));
        for (String codec : List.of("lz4", "zstd")) {
            Job job = run(codec, out -> TeraSort.job(LocalJobs.opts("-D", "mr.reducers=3", "-D", "terasort.sample.size=1000",
                    "-D", "mr.map.output.compress=" + codec, gen.toString(), out.toString())));
            assertSameParts(dir.resolve("none"), dir.resolve(codec), codec);
            assertEquals(none.counters().get(TaskCounter.SHUFFLE_BYTES), job.counters().get(TaskCounter.SHUFFLE_RAW_BYTES));
            // TeraSort's rows are part random, part hex digits: they compress, but far less than text
            assertTrue(materialized(job) < materialized(none), codec + ": " + materialized(job) + " stored of " + materialized(none));
        }
    }

    interface JobFor {
        Job make(Path out) throws Exception;
    }

    private Job run(String name, JobFor f) throws Exception {
        Job job = f.make(dir.resolve(name));
        assertTrue(job.waitForCompletion(false), name);
        return job;
    }

    private static long materialized(Job job) {
        return job.counters().get(TaskCounter.MAP_OUTPUT_MATERIALIZED_BYTES);
    }

    private static void assertSameParts(Path expected, Path actual, String codec) throws Exception {
        List<Path> want = LocalJobs.parts(expected);
        List<Path> got = LocalJobs.parts(actual);
        assertEquals(want.stream().map(Path::getFileName).toList(), got.stream().map(Path::getFileName).toList());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(Files.readAllBytes(want.get(i)), Files.readAllBytes(got.get(i)), codec + " " + got.get(i).getFileName());
        }
    }
}
