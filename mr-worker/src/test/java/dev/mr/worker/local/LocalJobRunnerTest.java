package dev.mr.worker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Context;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import dev.mr.api.JobState;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import dev.mr.api.TaskCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner is the oracle for every distributed run and the first thing a user runs,
 * so it must refuse bad jobs with errors that name the problem and touch nothing, report a
 * failing task with the user's exception and stack trace and leave no output, and count
 * exactly.
 */
public class LocalJobRunnerTest {

    @TempDir
    Path dir;

    public static final class LineLengthMapper implements Mapper<Long, String, String, Integer> {
        @Override
        public void map(Long offset, String line, Context<String, Integer> context) {
            context.write(line.isEmpty() ? "<empty>" : line.substring(0, 1), line.length());
            context.counter("test", "lines").increment();
        }
    }

    public static final class SumReducer implements Reducer<String, Integer, String, Integer> {
        @Override
        public void reduce(String key, Iterable<Integer> values, Context<String, Integer> context) {
            int sum = 0;
            for (int v : values) sum += v;
            context.write(key, sum);
        }
    }

    public static final class ThrowingReducer implements Reducer<String, Integer, String, Integer> {
        @Override
        public void reduce(String key, Iterable<Integer> values, Context<String, Integer> context) {
            if (key.equals("b")) throw new IllegalStateException("boom on key " + key);
            context.write(key, 0);
        }
    }

    public static final class NoDefaultConstructorMapper implements Mapper<Long, String, String, Integer> {
        public NoDefaultConstructorMapper(String x) {}

        @Override
        public void map(Long offset, String line, Context<String, Integer> context) {}
    }

    /** A user key type that is neither built in nor order-preserving: sorted through Comparable, serialized by Kryo. */
    public record Version(int major, int minor) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }
    }

    public static final class VersionMapper implements Mapper<Long, String, Version, String> {
        @Override
        public void map(Long offset, String line, Context<Version, String> context) {
            String[] p = line.split("\\.");
            context.write(new Version(Integer.parseInt(p[0]), Integer.parseInt(p[1])), line);
        }
    }

    public static final class CountReducer implements Reducer<Version, String, Version, Integer> {
        @Override
        public void reduce(Version key, Iterable<String> values, Context<Version, Integer> context) {
            int n = 0;
            for (String ignored : values) n++;
            context.write(key, n);
        }
    }

    private Path input(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Job job(Path in, Path out) {
        return Job.create("t").set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.LOCAL_THREADS, "2")
                .set(ConfKeys.SPLIT_SIZE, "7")
                .mapper(LineLengthMapper.class).combiner(SumReducer.class).reducer(SumReducer.class)
                .input(in.toString()).output(out.toString());
    }

    private static List<String> output(Path out) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        return lines;
    }

    @Test
    void runsAJobAndCountsExactly() throws Exception {
        Path in = input("in.txt", "apple\nbanana\navocado\n\nblueberry\ncherry");
        Path out = dir.resolve("out");
        Job job = job(in, out).reducers(2);
        assertTrue(job.waitForCompletion(false));
        List<String> lines = output(out);
        lines.sort(null);
        assertEquals(List.of("<empty>\t0", "a\t12", "b\t15", "c\t6"), lines);
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_temporary")));
        var c = job.counters();
        assertEquals(6, c.get(TaskCounter.MAP_INPUT_RECORDS));
        assertEquals(Files.size(in), c.get(TaskCounter.MAP_INPUT_BYTES));
        assertEquals(6, c.get(TaskCounter.MAP_OUTPUT_RECORDS));
        assertEquals(4, c.get(TaskCounter.REDUCE_INPUT_GROUPS));
        // the combiner only sees keys with several values; records are neither lost nor invented on the way
        assertEquals(c.get(TaskCounter.MAP_OUTPUT_RECORDS) - c.get(TaskCounter.COMBINE_INPUT_RECORDS) + c.get(TaskCounter.COMBINE_OUTPUT_RECORDS),
                c.get(TaskCounter.REDUCE_INPUT_RECORDS));
        assertEquals(4, c.get(TaskCounter.OUTPUT_RECORDS));
        assertEquals(Files.size(out.resolve("part-r-00000")) + Files.size(out.resolve("part-r-00001")), c.get(TaskCounter.OUTPUT_BYTES));
        assertEquals(6, c.get("test", "lines"));
    }

    @Test
    void mapOnlyJobWritesMapOutputFiles() throws Exception {
        Path in = input("in.txt", "apple\nbanana\n");
        Path out = dir.resolve("out");
        Job job = Job.create().set(ConfKeys.FRAMEWORK, "local").mapper(LineLengthMapper.class).reducers(0)
                .input(in.toString()).output(out.toString());
        assertTrue(job.waitForCompletion(false));
        assertEquals(List.of("a\t5", "b\t6"), output(out));
        assertTrue(Files.exists(out.resolve("part-m-00000")));
        assertEquals(2, job.counters().get(TaskCounter.OUTPUT_RECORDS));
    }

    @Test
    void comparableUserTypesAreSortedAndSerializedWithKryo() throws Exception {
        Path in = input("v.txt", "1.10\n1.9\n10.0\n2.0\n1.9\n");
        Path out = dir.resolve("out");
        Job job = Job.create().set(ConfKeys.FRAMEWORK, "local").mapper(VersionMapper.class).reducer(CountReducer.class)
                .registerKryo(Version.class).input(in.toString()).output(out.toString());
        assertTrue(job.waitForCompletion(false));
        assertEquals(List.of("Version[major=1, minor=9]\t2", "Version[major=1, minor=10]\t1", "Version[major=2, minor=0]\t1",
                "Version[major=10, minor=0]\t1"), output(out));
    }

    @Test
    void failingReducerFailsTheJobWithItsStackTraceAndLeavesNoOutput() throws Exception {
        Path in = input("in.txt", "apple\nbanana\n");
        Path out = dir.resolve("out");
        Job job = job(in, out).reducer(ThrowingReducer.class);
        assertFalse(job.waitForCompletion(false));
        assertEquals(JobState.FAILED, job.result().state());
        String failure = job.result().failure();
        assertTrue(failure.matches("(?s)task job_local\\d+_\\d{4}_r_000000 failed: java.lang.IllegalStateException: boom on key b\n.*"), failure);
        assertTrue(failure.contains("at " + ThrowingReducer.class.getName() + ".reduce("), failure);
        assertFalse(Files.exists(out), "a failed job leaves no output directory");
    }

    @Test
    void missingMapperClassIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("out");
        Job job = Job.create().set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.MAPPER, "com.acme.WcMap")
                .input(dir.toString()).output(out.toString());
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> job.waitForCompletion(false));
        assertEquals("mapper class com.acme.WcMap (mr.mapper.class) not found in the classpath", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void mapperWithoutNoArgConstructorIsRefused() throws Exception {
        Path in = input("in.txt", "x\n");
        Job job = job(in, dir.resolve("out")).mapper(NoDefaultConstructorMapper.class);
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> job.waitForCompletion(false));
        assertEquals("mapper class " + NoDefaultConstructorMapper.class.getName() + " has no public no-arg constructor; add one", e.getMessage());
    }

    @Test
    void missingInputIsNamed() {
        Path out = dir.resolve("out");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> job(dir.resolve("nope.txt"), out).waitForCompletion(false));
        assertEquals("input " + dir.resolve("nope.txt") + " does not exist", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void existingOutputIsRefusedAndLeftAloneUnlessOverwriteIsSet() throws Exception {
        Path in = input("in.txt", "apple\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("precious"), "keep me");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> job(in, out).waitForCompletion(false));
        assertEquals("output file:" + out + " already exists; remove it or set mr.output.overwrite=true", e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("precious")));
        assertTrue(job(in, out).set(ConfKeys.OUTPUT_OVERWRITE, "true").waitForCompletion(false));
        assertEquals(List.of("a\t5"), output(out));
        assertFalse(Files.exists(out.resolve("precious")));
    }
}
