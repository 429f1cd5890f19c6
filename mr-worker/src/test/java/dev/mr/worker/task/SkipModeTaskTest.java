package dev.mr.worker.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Context;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import dev.mr.api.TaskCounter;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.FileOutputCommitter;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.WholeFileInputFormat;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.TaskId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task in skip mode must skip exactly the records whose user code throws and those an earlier
 * attempt died on (the latter without calling user code), write each as a line of its attempt's
 * own skipped file, count them, and keep the current-record marker naming the record in user code
 * so the worker can tell which record an executor died on. Out of skip mode nothing changes: the
 * first exception fails the attempt. Checked against the input parsed independently.
 */
class SkipModeTaskTest {

    @TempDir
    Path dir;

    /** What the test mappers and reducers saw; the scratch directory whose marker they read. */
    static final List<Long> MAPPED = new CopyOnWriteArrayList<>();
    static final List<String> MARKERS = new CopyOnWriteArrayList<>();
    static volatile Path scratch;

    @AfterEach
    void forget() {
        MAPPED.clear();
        MARKERS.clear();
        scratch = null;
    }

    /** Writes each line as (line, 1) after noting its offset and the marker; throws on lines starting with "bad". */
    public static final class PickyMapper implements Mapper<Long, String, String, Long> {
        @Override
        public void map(Long offset, String line, Context<String, Long> context) {
            MAPPED.add(offset);
            if (scratch != null) MARKERS.add(CurrentRecord.read(scratch));
            if (line.startsWith("bad")) throw new IllegalArgumentException("cannot parse '" + line + "'");
            context.write(line, 1L);
        }
    }

    /** Whole files: (name, 1) unless the file's text starts with "bad". */
    public static final class WholeFileMapper implements Mapper<String, String, String, Long> {
        @Override
        public void map(String name, String content, Context<String, Long> context) {
            if (content.startsWith("bad")) throw new IllegalArgumentException("cannot parse " + name);
            context.write(name, 1L);
        }
    }

    /** Sums a key's counts; throws on the key "pear" after reading one value. */
    public static final class PickyReducer implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String key, Iterable<Long> values, Context<String, Long> context) {
            if (scratch != null) MARKERS.add(CurrentRecord.read(scratch));
            long sum = 0;
            for (long v : values) {
                sum += v;
                if (key.equals("pear")) throw new IllegalStateException("no pears");
            }
            context.write(key, sum);
        }
    }

    private record Line(long offset, String text) {}

    /** The lines of {@code text} with their offsets, parsed here rather than by the input format. */
    private static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        long offset = 0;
        for (String l : text.split("\n", -1)) {
            if (offset < text.length()) out.add(new Line(offset, l));
            offset += l.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return out;
    }

    private JobDefinition job(Path in, int reducers, boolean wholeFiles) {
        Job job = Job.create("skip").mapper(PickyMapper.class).reducer(PickyReducer.class).reducers(reducers)
                .input(in.toString()).output(dir.resolve("out").toString());
        if (wholeFiles) job.inputFormat(WholeFileInputFormat.class).mapper(WholeFileMapper.class);
        return JobDefinition.load(job.conf(), getClass().getClassLoader());
    }

    private static FileOutputCommitter committer(JobDefinition def, FileSystems fs) throws Exception {
        FsPath out = fs.resolve(def.outputPath());
        FileOutputCommitter c = new FileOutputCommitter(fs.get(out), out);
        c.setupJob();
        return c;
    }

    private static List<InputSplit> splits(JobDefinition def, FileSystems fs) throws Exception {
        @SuppressWarnings("unchecked")
        var format = (dev.mr.api.io.InputFormat<Object, Object>) def.instantiate(def.inputFormatClass(), dev.mr.api.io.InputFormat.class);
        return format.splits(new FormatContext(def.conf(), fs, def.newSerdes()));
    }

    private TaskEnvironment env(JobDefinition def, FileSystems fs, AttemptId attempt) throws Exception {
        return new TaskEnvironment(def, attempt, "w1", fs, Files.createDirectories(dir.resolve("scratch-" + attempt)), 64 << 20);
    }

    @Test
    void aMapInSkipModeSkipsThrowingRecordsAndThoseItWasToldToSkipAndMarksTheRecordInUserCode() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) text.append(i == 17 || i == 150 ? "bad " : "good ").append(i).append('\n');
        Path in = Files.writeString(dir.resolve("in.txt"), text);
        List<Line> lines = lines(text.toString());
        Line told = lines.get(42); // a line an earlier attempt died on: skipped unread by the mapper
        String path = in.toString();

        JobDefinition def = job(in, 0, false);
        try (FileSystems fs = new FileSystems(def.conf())) {
            FileOutputCommitter committer = committer(def, fs);
            AttemptId attempt = TaskId.map("job_0001", 0).attempt(2);
            TaskEnvironment env = env(def, fs, attempt).withSkipMode(true, List.of(path + ":" + told.offset()));
            scratch = env.scratchDir();
            MapTask task = new MapTask(env, splits(def, fs).get(0));
            assertNull(task.run());

            List<String> expectedOutput = new ArrayList<>();
            List<String> expectedSkipped = new ArrayList<>();
            List<Long> expectedMapped = new ArrayList<>();
            List<String> expectedMarkers = new ArrayList<>();
            for (Line l : lines) {
                String id = path + ":" + l.offset();
                if (l == told) {
                    expectedSkipped.add(id + "\t" + l.text());
                    continue;
                }
                expectedMapped.add(l.offset());
                expectedMarkers.add(id);
                if (l.text().startsWith("bad")) expectedSkipped.add(id + "\t" + l.text());
                else expectedOutput.add(l.text() + "\t1");
            }
            assertEquals(expectedMapped, MAPPED, "the mapper never sees the record it was told to skip");
            assertEquals(expectedMarkers, MARKERS, "the marker names the record in user code");
            assertNull(CurrentRecord.read(env.scratchDir()), "no record is in user code once the task is done");
            Path attemptDir = dir.resolve("out/_temporary").resolve(attempt.toString());
            assertEquals(expectedOutput, Files.readAllLines(attemptDir.resolve("part-m-00000")));
            assertEquals(expectedSkipped, Files.readAllLines(attemptDir.resolve("_skipped/part-m-00000")));
            assertEquals(3, task.counters().get(TaskCounter.SKIPPED_RECORDS));
            assertEquals(200, task.counters().get(TaskCounter.MAP_INPUT_RECORDS), "skipped records were read all the same");

            committer.commitTask(attempt.task().toString(), attempt.toString());
            committer.commitJob();
            assertEquals(expectedSkipped, Files.readAllLines(dir.resolve("out/_skipped/part-m-00000")));
        }
    }

    @Test
    void outOfSkipModeTheFirstThrowFailsTheMapAndNothingIsMarkedOrSkipped() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "good 0\nbad 1\ngood 2\n");
        JobDefinition def = job(in, 0, false);
        try (FileSystems fs = new FileSystems(def.conf())) {
            committer(def, fs);
            AttemptId attempt = TaskId.map("job_0001", 0).attempt(0);
            TaskEnvironment env = env(def, fs, attempt);
            MapTask task = new MapTask(env, splits(def, fs).get(0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, task::run);
            assertEquals("cannot parse 'bad 1'", e.getMessage());
            assertFalse(Files.exists(env.scratchDir().resolve(CurrentRecord.FILE)));
            assertFalse(Files.exists(dir.resolve("out/_temporary").resolve(attempt.toString()).resolve("_skipped")));
            assertEquals(0, task.counters().get(TaskCounter.SKIPPED_RECORDS));
        }
    }

    @Test
    void aRecordWithoutAKnownPositionIsNamedByItsOrdinalInItsFile() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "good");
        Files.writeString(in.resolve("b.txt"), "bad, as a whole");
        JobDefinition def = job(in, 0, true);
        try (FileSystems fs = new FileSystems(def.conf())) {
            committer(def, fs);
            AttemptId attempt = TaskId.map("job_0001", 0).attempt(2);
            TaskEnvironment env = env(def, fs, attempt).withSkipMode(true, List.of());
            List<InputSplit> splits = splits(def, fs);
            assertEquals(1, splits.size(), "the two small files are packed into one split");
            MapTask task = new MapTask(env, splits.get(0));
            task.run();
            Path skipped = dir.resolve("out/_temporary").resolve(attempt.toString()).resolve("_skipped/part-m-00000");
            assertEquals(List.of(in.resolve("b.txt") + "#0\tbad, as a whole"), Files.readAllLines(skipped));
        }
    }

    @Test
    void aReduceInSkipModeSkipsThrowingGroupsAndThoseItWasToldToSkipWithTheirValuesDrained() throws Exception {
        String[] fruit = {"apple", "fig", "pear", "plum"};
        StringBuilder text = new StringBuilder();
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            String f = i % 100 == 3 ? "bad" : fruit[(i * 7) % fruit.length];
            text.append(f).append('\n');
            counts.merge(f, 1L, Long::sum);
        }
        Path in = Files.writeString(dir.resolve("in.txt"), text);
        JobDefinition def = job(in, 1, false);
        try (FileSystems fs = new FileSystems(def.conf())) {
            FileOutputCommitter committer = committer(def, fs);
            // the map of a job with reduces, in skip mode too: its skipped file waits in its attempt's directory
            AttemptId mapAttempt = TaskId.map("job_0001", 0).attempt(3);
            MapTask map = new MapTask(env(def, fs, mapAttempt).withSkipMode(true, List.of()), splits(def, fs).get(0));
            MapOutputFiles files = map.run();
            assertEquals(counts.get("bad"), map.counters().get(TaskCounter.SKIPPED_RECORDS));
            Path mapSkipped = dir.resolve("out/_temporary").resolve(mapAttempt.toString()).resolve("_skipped/part-m-00000");
            assertEquals(counts.get("bad").intValue(), Files.readAllLines(mapSkipped).size());

            AttemptId attempt = TaskId.reduce("job_0001", 0).attempt(2);
            TaskEnvironment env = env(def, fs, attempt).withSkipMode(true, List.of("fig"));
            scratch = env.scratchDir();
            ShuffleInput input = ShuffleInput.of(List.of(files.index().segment(files.data(), 0)));
            ReduceTask reduce = new ReduceTask(env, input);
            reduce.run();

            List<String> expectedOutput = new ArrayList<>();
            for (String f : List.of("apple", "plum")) expectedOutput.add(f + "\t" + counts.get(f));
            Path attemptDir = dir.resolve("out/_temporary").resolve(attempt.toString());
            assertEquals(expectedOutput, Files.readAllLines(attemptDir.resolve("part-r-00000")));
            assertEquals(List.of("fig\t" + counts.get("fig"), "pear\t" + counts.get("pear")),
                    Files.readAllLines(attemptDir.resolve("_skipped/part-r-00000")), "in key order, each with its group's values");
            assertEquals(List.of("apple", "pear", "plum"), MARKERS, "the marker names the group in user code; fig was never handed over");
            assertEquals(2, reduce.counters().get(TaskCounter.SKIPPED_RECORDS));
            assertEquals(500 - counts.get("bad"), reduce.counters().get(TaskCounter.REDUCE_INPUT_RECORDS), "drained values are counted as read");

            committer.commitTask(attempt.task().toString(), attempt.toString());
            committer.commitSkipped(mapAttempt.toString());
            committer.commitJob();
            try (var names = Files.list(dir.resolve("out/_skipped"))) {
                assertEquals(List.of("part-m-00000", "part-r-00000"), names.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void aMarkerReadsBackWhatWasSetAndNothingWhenAbsentClearedOrTorn() throws Exception {
        Path d = Files.createDirectories(dir.resolve("attempt"));
        assertNull(CurrentRecord.read(d), "no marker file");
        CurrentRecord marker = CurrentRecord.create(d);
        assertNull(CurrentRecord.read(d), "a new marker names no record");
        marker.set("dfs:/logs/2024-06-01.txt:123456789");
        assertEquals("dfs:/logs/2024-06-01.txt:123456789", CurrentRecord.read(d));
        marker.set("k");
        assertEquals("k", CurrentRecord.read(d), "a shorter id replaces a longer one");
        marker.set("clé ünïcode");
        assertEquals("clé ünïcode", CurrentRecord.read(d));
        marker.clear();
        assertNull(CurrentRecord.read(d));
        String huge = "x".repeat(CurrentRecord.MAX_ID_BYTES + 10);
        marker.set(huge);
        assertEquals(huge.substring(0, CurrentRecord.MAX_ID_BYTES), CurrentRecord.read(d), "an id too long is cut");
        // what a process killed between the length and the bytes leaves: a length past the file
        try (var ch = java.nio.channels.FileChannel.open(d.resolve(CurrentRecord.FILE), java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4).putInt(0, Integer.MAX_VALUE), 0);
        }
        assertNull(CurrentRecord.read(d));
        assertTrue(CurrentRecord.create(d) != null && CurrentRecord.read(d) == null, "a new attempt's marker starts empty");
    }
}
