package dev.mr.worker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Context;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.TaskCounter;
import dev.mr.worker.runtime.TestJob.SumReducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory of many small files is the common case packing exists for: the job must give
 * exactly the output it gives unpacked, in far fewer map tasks, and a mapper must see the
 * path of the file each record came from even when one task reads many files.
 */
class PackedInputTest {

    @TempDir
    Path dir;

    private static final String[] WORDS = {"apple", "banana", "cherry", "date", "elder", "fig", "grape"};

    /** Counts words, and counts its own map tasks: setup runs once per task. */
    public static final class WordMapper implements Mapper<Long, String, String, Long> {
        @Override
        public void setup(Context<String, Long> context) {
            context.counter("test", "map tasks").increment();
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) {
            for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1L);
        }
    }

    /** Emits (name of the file the framework says it is reading, line); each line names its own file. */
    public static final class FileOfLineMapper implements Mapper<Long, String, String, String> {
        @Override
        public void setup(Context<String, String> context) {
            context.counter("test", "map tasks").increment();
        }

        @Override
        public void map(Long offset, String line, Context<String, String> context) {
            String path = context.task().inputPath();
            context.write(path.substring(path.lastIndexOf('/') + 1), line);
        }
    }

    @Test
    void manySmallFilesGiveTheSameCountsInFarFewerMapTasks() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Random r = new Random(7);
        Map<String, Long> expected = new TreeMap<>();
        long bytes = 0;
        long lines = 0;
        for (int f = 0; f < 200; f++) {
            StringBuilder text = new StringBuilder();
            int n = r.nextInt(4); // some files are empty
            for (int l = 0; l < n; l++) {
                for (int w = 0; w < 1 + r.nextInt(6); w++) {
                    String word = WORDS[r.nextInt(WORDS.length)];
                    text.append(w > 0 ? " " : "").append(word);
                    expected.merge(word, 1L, Long::sum);
                }
                text.append('\n');
                lines++;
            }
            bytes += Files.writeString(in.resolve(String.format("f%03d.txt", f)), text).toFile().length();
        }
        Path out = dir.resolve("out");
        Job job = Job.create("packed").set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.LOCAL_THREADS, "3")
                .set(ConfKeys.SPLIT_SIZE, "2000")
                .mapper(WordMapper.class).combiner(SumReducer.class).reducer(SumReducer.class).reducers(2)
                .input(in.toString()).output(out.toString());
        assertTrue(job.waitForCompletion(false));

        List<String> want = new ArrayList<>();
        expected.forEach((w, c) -> want.add(w + "\t" + c));
        assertEquals(want, sortedOutput(out));
        long maps = job.counters().get("test", "map tasks");
        // about 7 KB of input in splits of up to 2 KB: a handful of tasks rather than 200
        assertTrue(maps >= 2 && maps <= 10, maps + " map tasks for 200 small files");
        assertEquals(lines, job.counters().get(TaskCounter.MAP_INPUT_RECORDS));
        assertEquals(bytes, job.counters().get(TaskCounter.MAP_INPUT_BYTES));
    }

    @Test
    void theMapperSeesThePathOfTheFileEachRecordCameFrom() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> want = new ArrayList<>();
        for (int f = 0; f < 50; f++) {
            String name = String.format("doc%02d.txt", f);
            StringBuilder text = new StringBuilder();
            for (int l = 0; l <= f % 3; l++) {
                text.append(name).append(" line ").append(l).append('\n');
                want.add(name + "\t" + name + " line " + l);
            }
            Files.writeString(in.resolve(name), text);
        }
        Path out = dir.resolve("out");
        Job job = Job.create("paths").set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.LOCAL_THREADS, "2")
                .mapper(FileOfLineMapper.class).reducers(0)
                .input(in.toString()).output(out.toString());
        assertTrue(job.waitForCompletion(false));
        want.sort(null);
        assertEquals(want, sortedOutput(out));
        // 50 files of 4 MiB open cost each over 2 threads: packed about 25 to a split (greedily, so a last small one may remain)
        long maps = job.counters().get("test", "map tasks");
        assertTrue(maps >= 2 && maps <= 3, maps + " map tasks for 50 tiny files on 2 threads");
    }

    @Test
    void packSizeZeroGivesEveryFileItsOwnMapTask() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int f = 0; f < 5; f++) Files.writeString(in.resolve("f" + f), "apple banana\n");
        Path out = dir.resolve("out");
        Job job = Job.create("unpacked").set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.PACK_SIZE, "0")
                .mapper(WordMapper.class).reducer(SumReducer.class)
                .input(in.toString()).output(out.toString());
        assertTrue(job.waitForCompletion(false));
        assertEquals(List.of("apple\t5", "banana\t5"), sortedOutput(out));
        assertEquals(5, job.counters().get("test", "map tasks"));
    }

    private static List<String> sortedOutput(Path out) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        lines.sort(null);
        return lines;
    }
}
