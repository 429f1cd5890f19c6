package dev.mr.worker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Context;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.io.WholeFileInputFormat;
import dev.mr.worker.local.PackedInputTest.WordMapper;
import dev.mr.worker.runtime.TestJob.SumReducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner's threads are its slots: a job's splits are sized so that every thread gets
 * a map, as a cluster's slots do, and the output does not depend on how the input was cut.
 */
class LocalSplitsTest {

    @TempDir
    Path dir;

    /** Counts its map tasks (one setup each) and emits (file, 1) for each whole file. */
    public static final class FileMapper implements Mapper<String, String, String, Long> {
        @Override
        public void setup(Context<String, Long> context) {
            context.counter("test", "map tasks").increment();
        }

        @Override
        public void map(String path, String content, Context<String, Long> context) {
            context.write(path.substring(path.lastIndexOf('/') + 1), (long) content.length());
        }
    }

    @Test
    void oneFileIsCutIntoAMapPerThreadWithTheSameOutputAsOneMap() throws Exception {
        Path in = dir.resolve("words.txt");
        Random r = new Random(5);
        StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) text.append("w").append(r.nextInt(300)).append(r.nextInt(3) == 0 ? "\n" : " ");
        Files.writeString(in, text);

        // no open cost: 200 KB is worth cutting for this test's sake
        Job four = words("four", in, "4").set(ConfKeys.OPEN_COST_MB, "0");
        assertTrue(four.waitForCompletion(false));
        assertEquals(4, four.counters().get("test", "map tasks"), "a map per thread");
        Job one = words("one", in, "1").set(ConfKeys.OPEN_COST_MB, "0");
        assertTrue(one.waitForCompletion(false));
        assertEquals(1, one.counters().get("test", "map tasks"));
        assertEquals(parts(dir.resolve("one")), parts(dir.resolve("four")));
    }

    @Test
    void wholeFilesSpreadOverTheThreads() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int f = 0; f < 8; f++) Files.writeString(in.resolve("f" + f), "x".repeat(10 + f));
        Job job = Job.create("whole").set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.LOCAL_THREADS, "4")
                .inputFormat(WholeFileInputFormat.class).mapper(FileMapper.class).reducer(SumReducer.class)
                .input(in.toString()).output(dir.resolve("out").toString());
        assertTrue(job.waitForCompletion(false));
        assertTrue(job.counters().get("test", "map tasks") >= 4, job.counters().get("test", "map tasks") + " maps for 8 files on 4 threads");
        List<String> want = new ArrayList<>();
        for (int f = 0; f < 8; f++) want.add("f" + f + "\t" + (10 + f));
        assertEquals(want, Files.readAllLines(dir.resolve("out/part-r-00000")));
    }

    private Job words(String name, Path in, String threads) {
        return Job.create(name).set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.LOCAL_THREADS, threads)
                .mapper(WordMapper.class).combiner(SumReducer.class).reducer(SumReducer.class).reducers(2)
                .input(in.toString()).output(dir.resolve(name).toString());
    }

    private static List<String> parts(Path out) throws Exception {
        List<String> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) parts.add(Files.readString(p));
        }
        assertTrue(parts.stream().mapToInt(String::length).sum() > 1000, "output of " + out);
        return parts;
    }
}
