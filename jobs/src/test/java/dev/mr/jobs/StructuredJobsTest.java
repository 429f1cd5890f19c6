package dev.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join and secondary-sort examples depend on composite keys, a custom partitioner and a
 * grouping comparator; their output must equal a nested-loop join and a per-key sort done in
 * plain Java over the same input.
 */
class StructuredJobsTest {

    @TempDir
    Path dir;

    @Test
    void joinEqualsANestedLoopJoin() throws Exception {
        Random r = new Random(5);
        List<String[]> left = new ArrayList<>(), right = new ArrayList<>();
        StringBuilder l = new StringBuilder(), rt = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String[] rec = {"k" + r.nextInt(400), "L" + i + (r.nextBoolean() ? "\twith tab" : "")};
            left.add(rec);
            l.append(rec[0]).append('\t').append(rec[1]).append('\n');
        }
        for (int i = 0; i < 2000; i++) {
            String[] rec = {"k" + r.nextInt(600), "R" + i};
            right.add(rec);
            rt.append(rec[0]).append('\t').append(rec[1]).append('\n');
        }
        Path leftDir = Files.createDirectories(dir.resolve("left"));
        Files.writeString(leftDir.resolve("a.tsv"), l.toString());
        Path rightFile = Files.writeString(dir.resolve("right.tsv"), rt.toString());
        List<String> want = new ArrayList<>();
        for (String[] a : left) for (String[] b : right) if (a[0].equals(b[0])) want.add(a[0] + "\t" + a[1] + "\t" + b[1]);
        want.sort(null);
        Path out = dir.resolve("out");
        assertTrue(Join.run(LocalJobs.opts("-D", "mr.reducers=3", leftDir + "/", rightFile.toString(), out.toString())));
        assertEquals(want, LocalJobs.sortedLines(out));
    }

    @Test
    void aMapSideJoinOfAFilesTableEqualsANestedLoopJoin() throws Exception {
        Random r = new Random(6);
        List<String[]> big = new ArrayList<>(), small = new ArrayList<>();
        StringBuilder b = new StringBuilder(), s = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String[] rec = {"k" + r.nextInt(400), "B" + i + (r.nextBoolean() ? "\twith tab" : "")};
            big.add(rec);
            b.append(rec[0]).append('\t').append(rec[1]).append('\n');
        }
        for (int i = 0; i < 300; i++) {
            String[] rec = {"k" + r.nextInt(600), "S" + i};
            small.add(rec);
            s.append(rec[0]).append('\t').append(rec[1]).append('\n');
        }
        Path bigFile = Files.writeString(dir.resolve("big.tsv"), b.toString());
        Path smallFile = Files.writeString(dir.resolve("small.tsv"), s.toString());
        List<String> want = new ArrayList<>();
        for (String[] x : big) for (String[] y : small) if (x[0].equals(y[0])) want.add(x[0] + "\t" + x[1] + "\t" + y[1]);
        want.sort(null);
        Path out = dir.resolve("out");
        assertTrue(MapSideJoin.run(LocalJobs.opts("-files", smallFile + "#small", bigFile.toString(), out.toString())));
        assertEquals(want, LocalJobs.sortedLines(out));
        dev.mr.api.InvalidJobException e = org.junit.jupiter.api.Assertions.assertThrows(dev.mr.api.InvalidJobException.class,
                () -> MapSideJoin.run(LocalJobs.opts(bigFile.toString(), dir.resolve("out2").toString())));
        assertEquals("ship the small table with -files SMALL#small", e.getMessage());
    }

    @Test
    void joinTagsEachRecordBySideWhenLeftAndRightFilesShareAMapTask() throws Exception {
        // small files of both sides, listed one after the other, are packed into the same split
        Random r = new Random(9);
        Path leftDir = Files.createDirectories(dir.resolve("lefts"));
        Path rightDir = Files.createDirectories(dir.resolve("rights"));
        List<String[]> left = new ArrayList<>(), right = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            StringBuilder l = new StringBuilder(), rt = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                String[] a = {"k" + r.nextInt(30), "L" + f + "." + i};
                String[] b = {"k" + r.nextInt(30), "R" + f + "." + i};
                left.add(a);
                right.add(b);
                l.append(a[0]).append('\t').append(a[1]).append('\n');
                rt.append(b[0]).append('\t').append(b[1]).append('\n');
            }
            Files.writeString(leftDir.resolve("l" + f + ".tsv"), l.toString());
            Files.writeString(rightDir.resolve("r" + f + ".tsv"), rt.toString());
        }
        List<String> want = new ArrayList<>();
        for (String[] a : left) for (String[] b : right) if (a[0].equals(b[0])) want.add(a[0] + "\t" + a[1] + "\t" + b[1]);
        want.sort(null);
        Path out = dir.resolve("out");
        assertTrue(Join.run(LocalJobs.opts("-D", "mr.reducers=2", leftDir.toString(), rightDir.toString(), out.toString())));
        assertEquals(want, LocalJobs.sortedLines(out));
    }

    @Test
    void secondarySortDeliversEachKeysValuesInOrder() throws Exception {
        Random r = new Random(9);
        StringBuilder sb = new StringBuilder();
        Map<String, List<Long>> expected = new TreeMap<>();
        int malformed = 0;
        for (int i = 0; i < 20_000; i++) {
            if (i % 997 == 0) {
                sb.append(i % 2 == 0 ? "bad line here\n" : "name notanumber\n");
                malformed++;
                continue;
            }
            String name = "n" + r.nextInt(300);
            long v = r.nextLong() % 1_000_000;
            expected.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            sb.append(name).append(r.nextBoolean() ? " " : "\t").append(v).append('\n');
        }
        Path in = Files.writeString(dir.resolve("pairs.txt"), sb.toString());
        List<String> want = new ArrayList<>();
        expected.forEach((name, values) -> {
            values.sort(null);
            want.add(name + "\t" + String.join(",", values.stream().map(String::valueOf).toList()));
        });
        Path out = dir.resolve("out");
        var job = SecondarySort.job(LocalJobs.opts("-D", "mr.reducers=4", in.toString(), out.toString()));
        assertTrue(job.waitForCompletion(false));
        assertEquals(want, LocalJobs.sortedLines(out));
        assertEquals(4, LocalJobs.parts(out).size());
        assertEquals(malformed, job.counters().get("SecondarySort", "MALFORMED_LINES"));
    }
}
