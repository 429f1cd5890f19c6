package dev.mr.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Job;
import dev.mr.api.TaskCounter;
import dev.mr.jobs.WordCount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming jobs run with the local runner (several splits, reducers and threads) must compute
 * what an independent program computes: the Java WordCount, {@code LC_ALL=C sort}, a count of
 * lines; and a failing command must fail the job with words that say why.
 */
class StreamingJobTest {

    @TempDir
    Path dir;

    private Path text;

    @BeforeEach
    void writeInput() throws Exception {
        text = Files.createDirectories(dir.resolve("text"));
        Random r = new Random(7);
        String[] words = {"the", "a", "map", "reduce", "ünïcode", "日本", "café", "x", "Zebra", "tab\u00a0nbsp"};
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder();
            for (int l = 0; l < 4000; l++) {
                int n = r.nextInt(9);
                for (int w = 0; w < n; w++) sb.append(w == 0 ? "" : r.nextInt(6) == 0 ? "\t" : " ").append(words[r.nextInt(words.length)]).append(r.nextInt(40));
                sb.append(r.nextInt(9) == 0 ? "\r\n" : "\n");
            }
            Files.writeString(text.resolve("doc" + f + ".txt"), sb.toString());
        }
    }

    /** The README's WordCount scripts, in mr-streaming/examples/wordcount. */
    static Path script(String name) {
        return Path.of("examples/wordcount").resolve(name).toAbsolutePath();
    }

    private static List<String> local(String... args) {
        List<String> all = new ArrayList<>(List.of("--local", "-D", "mr.local.threads=3", "-D", "mr.input.split.size=100000", "-D", "mr.sort.buffer.mb=1"));
        all.addAll(List.of(args));
        return all;
    }

    static Job run(List<String> args) throws Exception {
        Job job = Streaming.job(args.toArray(String[]::new));
        job.waitForCompletion(false);
        return job;
    }

    /** The part files' bytes, concatenated in name order. */
    static byte[] output(Path out) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) all.write(Files.readAllBytes(p));
        }
        return all.toByteArray();
    }

    static long lines(byte[] b) {
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return n;
    }

    static byte[] sortC(byte[] input) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sort");
        pb.environment().put("LC_ALL", "C");
        Process sort = pb.start();
        Thread feed = new Thread(() -> {
            try (var o = sort.getOutputStream()) {
                o.write(input);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        feed.start();
        byte[] out = sort.getInputStream().readAllBytes();
        feed.join();
        assertEquals(0, sort.waitFor());
        return out;
    }

    @Test
    void pythonWordCountEqualsTheJavaWordCount() throws Exception {
        Path java = dir.resolve("java");
        assertTrue(WordCount.run(dev.mr.api.GenericOptions.parse("-D", "mr.framework=local", "-D", "mr.reducers=1", text.toString(), java.toString())));
        Path mapper = script("mapper.py"), reducer = script("reducer.py");
        Path out = dir.resolve("streaming");
        Job job = run(local("-input", text.toString(), "-output", out.toString(), "-mapper", "python3 " + mapper,
                "-reducer", "python3 " + reducer, "-numReduceTasks", "3"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        assertArrayEquals(output(java), sortC(output(out)), "the same counts; each part sorted by word bytes");
        try (Stream<Path> s = Files.list(out)) {
            for (Path part : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                byte[] b = Files.readAllBytes(part);
                assertArrayEquals(sortC(b), b, part + " is in key byte order");
            }
        }
    }

    @Test
    void aCombinerSeesSortedGroupsAndChangesNothingButTheShuffle() throws Exception {
        Path java = dir.resolve("java");
        assertTrue(WordCount.run(dev.mr.api.GenericOptions.parse("-D", "mr.framework=local", text.toString(), java.toString())));
        Path mapper = script("mapper.py"), reducer = script("reducer.py");
        Path out = dir.resolve("streaming");
        Job job = run(local("-input", text.toString(), "-output", out.toString(), "-mapper", "python3 " + mapper,
                "-combiner", "python3 " + reducer, "-reducer", "python3 " + reducer, "-D", "mr.streaming.combine.batch.mb=1"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        assertArrayEquals(output(java), output(out));
        long mapOut = job.counters().get(TaskCounter.MAP_OUTPUT_RECORDS);
        long words = 0;
        for (int f = 0; f < 3; f++) words += Files.readString(text.resolve("doc" + f + ".txt")).split("[ \t\r\n]+").length;
        assertTrue(mapOut > 0 && mapOut < words, "the combiner shrank the map output: " + mapOut + " records");
    }

    @Test
    void counterLinesOnStderrAddUpInTheJobsCounters() throws Exception {
        Path out = dir.resolve("out");
        String mapper = "awk '{ print; n++ } END { print \"reporter:counter:Lines,Seen,\" n > \"/dev/stderr\"; "
                + "print \"reporter:status:done \" n > \"/dev/stderr\"; print \"a log line\" > \"/dev/stderr\" }'";
        Job job = run(local("-input", text.toString(), "-output", out.toString(), "-mapper", mapper, "-reducer", "NONE"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        long lines = 0;
        for (int f = 0; f < 3; f++) lines += Files.readAllLines(text.resolve("doc" + f + ".txt")).size();
        assertEquals(lines, job.counters().get("Lines", "Seen"));
    }

    @Test
    void aMapperThatExitsOneFailsTheJobWithItsStderr() throws Exception {
        Path out = dir.resolve("out");
        Job job = run(local("-input", text.toString(), "-output", out.toString(),
                "-mapper", "sh -c 'cat >/dev/null; echo \"Traceback: something broke\" >&2; exit 1'", "-reducer", "cat"));
        assertFalse(job.result().succeeded());
        String failure = job.result().failure();
        assertTrue(failure.contains("exited with status 1"), failure);
        assertTrue(failure.contains("Traceback: something broke"), failure);
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void aCommandThatDoesNotExistCannotRun() throws Exception {
        Path out = dir.resolve("out");
        Job job = run(local("-input", text.toString(), "-output", out.toString(), "-mapper", "no-such-mapper --fast", "-reducer", "cat"));
        assertFalse(job.result().succeeded());
        assertTrue(job.result().failure().contains("cannot run `no-such-mapper --fast`: command not found"), job.result().failure());

        Path notExecutable = Files.writeString(dir.resolve("m.sh"), "cat\n");
        Job job2 = run(local("-input", text.toString(), "-output", dir.resolve("out2").toString(), "-mapper", notExecutable.toString(), "-reducer", "cat"));
        assertTrue(job2.result().failure().contains("cannot run `" + notExecutable + "`: not executable"), job2.result().failure());
    }

    @Test
    void aCrashIsReportedWithItsSignal() throws Exception {
        Job job = run(local("-input", text.toString(), "-output", dir.resolve("out").toString(), "-mapper", "sh -c 'kill -SEGV $$'", "-reducer", "NONE"));
        assertTrue(job.result().failure().contains("killed by signal 11 (SIGSEGV)"), job.result().failure());
    }

    @Test
    void mapOnlyOutputIsTheMappersLinesAsKeyTabValue() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("a.txt"), "one\ttwo\tthree\nno tab here\n\tleading\n".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("out");
        Job job = run(local("-input", in.toString(), "-output", out.toString(), "-mapper", "cat", "-numReduceTasks", "0"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        // as Hadoop: key before the first tab, value after it; a line without a tab is a key with an empty value
        assertEquals("one\ttwo\tthree\nno tab here\t\n\tleading\n", new String(output(out), StandardCharsets.UTF_8));
        assertTrue(Files.exists(out.resolve("part-m-00000")));
    }

    @Test
    void bytesThatAreNotUtf8PassThroughAndReducersSeeKeysInByteOrder() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + r.nextInt(6);
            for (int j = 0; j < n; j++) {
                int c = r.nextInt(256);
                b.write(c == '\n' || c == '\r' || c == '\t' ? 'x' : c);
            }
            b.write('\n');
        }
        Files.write(in.resolve("bytes.bin"), b.toByteArray());
        Path out = dir.resolve("out");
        Job job = run(local("-input", in.toString(), "-output", out.toString(), "-mapper", "cat", "-reducer", "cat"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        // every line is a key with an empty value: "line<TAB>" into the reducer and out of it
        byte[] expected = sortC(b.toByteArray());
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        for (int i = 0, s = 0; i < expected.length; i++) {
            if (expected[i] == '\n') {
                want.write(expected, s, i - s);
                want.write('\t');
                want.write('\n');
                s = i + 1;
            }
        }
        assertArrayEquals(want.toByteArray(), output(out));
    }

    @Test
    void keyValueInputGivesTheMapperKeyTabValue() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("kv.tsv"), "k1\tv1\nk2\tv2\tmore\nalone\n");
        Path out = dir.resolve("out");
        // the mapper swaps key and value: it sees exactly key<TAB>value
        Job job = run(local("-input", in.toString(), "-output", out.toString(), "-inputformat", "org.apache.hadoop.mapred.KeyValueTextInputFormat",
                "-mapper", "awk -F '\\t' '{ print $2 \"\\t\" $1 }'", "-reducer", "NONE"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        assertEquals("v1\tk1\nv2\tk2\n\talone\n", new String(output(out), StandardCharsets.UTF_8));
    }

    @Test
    void aMapperWritingFarMoreThanAPipeHoldsBeforeReadingDoesNotDeadlock() throws Exception {
        // 4 MB of input, and a mapper that writes 24 MB before it reads a byte, then echoes its input:
        // a pump that fed stdin and read stdout on one thread would block on both ends forever
        Path in = Files.createDirectories(dir.resolve("in"));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400_000; i++) sb.append("line ").append(i).append('\n');
        Files.writeString(in.resolve("big.txt"), sb.toString());
        Path out = dir.resolve("out");
        Job job = run(List.of("--local", "-input", in.toString(), "-output", out.toString(),
                "-mapper", "sh -c 'yes early | head -n 4000000; cat'", "-reducer", "NONE"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        long maps;
        try (Stream<Path> parts = Files.list(out)) {
            maps = parts.filter(p -> p.getFileName().toString().startsWith("part-m-")).count();
        }
        assertTrue(maps >= 1, "map-only output has a part per map");
        assertEquals(maps * 4_000_000 + 400_000, lines(output(out)), "each map's early lines, then every input line once");

        // and one that reads all its input before it writes anything (sort)
        Path sorted = dir.resolve("sorted");
        Job job2 = run(List.of("--local", "-input", in.toString(), "-output", sorted.toString(), "-mapper", "sort", "-reducer", "NONE"));
        assertTrue(job2.result().succeeded(), () -> job2.result().failure());
        assertEquals(400_000, lines(output(sorted)));
    }

    @Test
    void aMapperThatCrashesWhileInputRemainsFailsWithItsTraceback() throws Exception {
        // the common failure: a script raises on a bad record while megabytes of its input are still to come
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("big.txt"), ("z".repeat(99) + "\n").repeat(60_000));
        Job job = run(List.of("--local", "-input", in.toString(), "-output", dir.resolve("out").toString(), "-reducer", "NONE",
                "-mapper", "python3 -c 'import sys; sys.stdin.readline(); raise ValueError(\"bad record\")'"));
        assertFalse(job.result().succeeded());
        String failure = job.result().failure();
        assertTrue(failure.contains("exited with status 1; the end of its stderr:\nTraceback (most recent call last):"), failure);
        assertTrue(failure.contains("ValueError: bad record"), failure);
    }

    @Test
    void aMapperThatStopsReadingFailsWithABrokenPipe() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("big.txt"), "x".repeat(100) + "\n".repeat(1) + ("y".repeat(99) + "\n").repeat(50_000));
        Job job = run(List.of("--local", "-input", in.toString(), "-output", dir.resolve("out").toString(), "-mapper", "head -n 1", "-reducer", "NONE"));
        assertFalse(job.result().succeeded());
        assertTrue(job.result().failure().contains("stopped reading its input"), job.result().failure());
    }

    @Test
    void theCommandSeesCmdenvAndTheTasksIdentity() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("one.txt"), "x\n");
        Path out = dir.resolve("out");
        Job job = run(List.of("--local", "-input", in.toString(), "-output", out.toString(), "-cmdenv", "GREETING=hello world",
                "-D", "my.setting=42", "-mapper", "sh -c 'cat >/dev/null; echo \"$GREETING|$my_setting|$mr_task_is_map|${map_input_file##*/}|$mr_task_id\"'",
                "-reducer", "NONE"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        String line = new String(output(out), StandardCharsets.UTF_8).trim();
        assertTrue(line.matches("hello world\\|42\\|true\\|one.txt\\|job_\\w+_m_000000"), line);
    }

    @Test
    void aShippedFileIsInTheCommandsWorkingDirectory() throws Exception {
        // waits for the side-files work (Context.cacheFile) to run
        Path lookup = Files.writeString(dir.resolve("lookup.tsv"), "k1\tone\nk2\ttwo\n");
        Path join = Files.writeString(dir.resolve("join.py"), String.join("\n",
                "import sys",
                "names = dict(l.rstrip('\\n').split('\\t') for l in open('lookup.tsv'))",
                "for line in sys.stdin:",
                "    k = line.strip()",
                "    print(k + '\\t' + names.get(k, '?'))", ""));
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("keys.txt"), "k2\nk1\nk3\n");
        Path out = dir.resolve("out");
        Job job = run(local("-input", in.toString(), "-output", out.toString(), "-file", lookup.toString(), "-file", join.toString(),
                "-mapper", "python3 join.py", "-reducer", "cat"));
        assertTrue(job.result().succeeded(), () -> job.result().failure());
        assertEquals("k1\tone\nk2\ttwo\nk3\t?\n", new String(output(out), StandardCharsets.UTF_8));
    }
}
