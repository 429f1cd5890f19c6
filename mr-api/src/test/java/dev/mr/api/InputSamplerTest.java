package dev.mr.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.io.KeyValueTextInputFormat;
import dev.mr.api.io.TextInputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cut points are only as good as the sample: the samplers must read across the input (evenly
 * spaced splits, not just the first), take what there is when asked for more, and say so in the
 * job's log; writePartitionFile must refuse a job whose input keys are not its map output keys.
 * Samplers run here over an in-memory input whose keys name their split and record.
 */
class InputSamplerTest {

    @TempDir
    Path dir;

    /** {@code splits} splits of {@code perSplit} keys each; key "s.r" is record r of split s. */
    private static final class FakeSplits implements InputSampler.Splits {
        final int splits, perSplit;
        final List<Integer> opened = new ArrayList<>();

        FakeSplits(int splits, int perSplit) {
            this.splits = splits;
            this.perSplit = perSplit;
        }

        @Override
        public int count() {
            return splits;
        }

        @Override
        public InputSampler.Keys open(int split) {
            opened.add(split);
            return new InputSampler.Keys() {
                int next;

                @Override
                public byte[] next() {
                    return next < perSplit ? (split + "." + next++).getBytes(StandardCharsets.UTF_8) : null;
                }

                @Override
                public void close() {}
            };
        }
    }

    private static Set<Integer> splitsOf(InputSampler.Sample s) {
        Set<Integer> out = new HashSet<>();
        for (byte[] k : s.keys()) out.add(Integer.parseInt(new String(k, StandardCharsets.UTF_8).split("\\.")[0]));
        return out;
    }

    @Test
    void splitsAreVisitedEvenlySpacedFirstThenTheRest() {
        assertArrayEquals(new int[] {0, 2, 5, 7, 1, 3, 4, 6, 8, 9}, InputSampler.visitOrder(10, 4));
        assertArrayEquals(new int[] {0, 1, 2}, InputSampler.visitOrder(3, 5 > 3 ? 3 : 5));
    }

    @Test
    void splitSamplerTakesTheFirstKeysOfEvenlySpacedSplits() throws IOException {
        FakeSplits input = new FakeSplits(10, 100);
        InputSampler.Sample s = new InputSampler.SplitSampler(20, 4).sample(input);
        assertEquals(20, s.keys().size());
        assertEquals(Set.of(0, 2, 5, 7), splitsOf(s));
        assertEquals(List.of(0, 2, 5, 7), input.opened);
        assertEquals("0.0", new String(s.keys().get(0), StandardCharsets.UTF_8));
        assertNull(s.shortfall());
    }

    @Test
    void splitSamplerAskedForMoreThanThereIsTakesEverythingAndSaysSo() throws IOException {
        InputSampler.Sample s = new InputSampler.SplitSampler(1000, 10).sample(new FakeSplits(4, 3));
        assertEquals(12, s.keys().size());
        assertEquals("sampled 12 keys of the 1000 asked: the input has no more", s.shortfall());
        InputSampler.Sample some = new InputSampler.SplitSampler(1000, 2).sample(new FakeSplits(4, 3));
        assertEquals("sampled 6 keys of the 1000 asked: the 2 splits sampled have no more (raise the splits to sample)", some.shortfall());
    }

    @Test
    void splitSamplerGivesAShortSplitsShareToTheSplitsAfterIt() throws IOException {
        // 3 splits of 5 keys, 12 asked: 4 + 4 + 4, each split has enough; 14 asked: 4, 5, 5
        assertEquals(14, new InputSampler.SplitSampler(14, 3).sample(new FakeSplits(3, 5)).keys().size());
    }

    @Test
    void randomSamplerReadsEvenlySpacedSplitsAndIsTheSameOnEveryRun() throws IOException {
        FakeSplits input = new FakeSplits(20, 1000);
        InputSampler.Sample s = new InputSampler.RandomSampler(0.2, 500, 5).sample(input);
        assertEquals(500, s.keys().size());
        assertEquals(List.of(0, 4, 8, 12, 16), input.opened, "enough keys after the evenly spaced splits: no more read");
        assertEquals(Set.of(0, 4, 8, 12, 16), splitsOf(s));
        InputSampler.Sample again = new InputSampler.RandomSampler(0.2, 500, 5).sample(new FakeSplits(20, 1000));
        for (int i = 0; i < 500; i++) assertArrayEquals(s.keys().get(i), again.keys().get(i));
        InputSampler.Sample other = new InputSampler.RandomSampler(0.2, 500, 5).seed(7).sample(new FakeSplits(20, 1000));
        assertTrue(!new String(other.keys().get(0)).equals(new String(s.keys().get(0))) || !new String(other.keys().get(1)).equals(new String(s.keys().get(1))));
    }

    @Test
    void randomSamplerShortOfKeysReadsFurtherSplitsThenSaysTheInputHasNoMore() throws IOException {
        FakeSplits input = new FakeSplits(6, 50);
        InputSampler.Sample s = new InputSampler.RandomSampler(0.5, 1000, 2).sample(input);
        assertEquals(6, input.opened.size(), "read every split looking for more");
        assertTrue(s.keys().size() > 100 && s.keys().size() < 200, s.keys().size() + " keys, about half of 300");
        assertEquals("sampled " + s.keys().size() + " keys of the 1000 asked: the input has no more (300 records in 6 splits, each kept with probability 0.5)",
                s.shortfall());
        InputSampler.Sample all = new InputSampler.RandomSampler(1, 1000).sample(new FakeSplits(3, 4));
        assertEquals(12, all.keys().size());
        assertEquals("sampled 12 keys of the 1000 asked: the input has no more (12 records in 3 splits)", all.shortfall());
    }

    @Test
    void intervalSamplerKeepsAShareOfEachEvenlySpacedSplitAtRegularIntervals() throws IOException {
        FakeSplits input = new FakeSplits(9, 40);
        InputSampler.Sample s = new InputSampler.IntervalSampler(0.25, 3).sample(input);
        assertEquals(List.of(0, 3, 6), input.opened);
        assertEquals(30, s.keys().size());
        List<String> first = new ArrayList<>();
        for (byte[] k : s.keys()) if (new String(k).startsWith("0.")) first.add(new String(k));
        assertEquals(List.of("0.0", "0.4", "0.8", "0.12", "0.16", "0.20", "0.24", "0.28", "0.32", "0.36"), first);
    }

    @Test
    void badSamplerArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InputSampler.RandomSampler(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new InputSampler.RandomSampler(1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new InputSampler.SplitSampler(0));
        assertThrows(IllegalArgumentException.class, () -> new InputSampler.IntervalSampler(0.5, 0));
    }

    // --- writePartitionFile over real files, through the job's own input format

    private Path keyValueInput(String name, String... keys) throws IOException {
        Path in = Files.createDirectories(dir.resolve(name));
        StringBuilder sb = new StringBuilder();
        for (String k : keys) sb.append(k).append('\t').append("v").append('\n');
        Files.writeString(in.resolve("part.txt"), sb);
        return in;
    }

    private Job stringJob(Path in, int reducers) {
        return Job.create(new Configuration().set(ConfKeys.FRAMEWORK, "local")).inputFormat(KeyValueTextInputFormat.class)
                .mapOutput(String.class, String.class).reducers(reducers).partitioner(TotalOrderPartitioner.class)
                .input(in.toString()).output(dir.resolve("out").toString()).classLoader(getClass().getClassLoader());
    }

    /** Runs {@code body} and returns what it wrote to System.err. */
    private static String stderrOf(IORunnable body) throws IOException {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    interface IORunnable {
        void run() throws IOException;
    }

    @Test
    void askingForMoreSamplesThanRecordsUsesThemAllAndSaysSoInTheJobsLog() throws IOException {
        Path in = keyValueInput("twelve", "k05", "k11", "k02", "k09", "k01", "k07", "k12", "k03", "k10", "k04", "k08", "k06");
        Job job = stringJob(in, 3);
        String log = stderrOf(() -> InputSampler.writePartitionFile(job, new InputSampler.SplitSampler(1000)));
        assertTrue(log.contains("InputSampler: sampled 12 keys of the 1000 asked: the input has no more\n"), log);
        assertTrue(log.contains("InputSampler: 2 cut points for 3 reducers from 12 keys sampled in 1 of 1 splits"), log);
        assertEquals(String.class.getName(), job.conf().get(ConfKeys.PARTITIONER_CUTS_KEY_CLASS));
        List<String> cuts = CutPoints.decode(job.conf().get(ConfKeys.PARTITIONER_CUTS)).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("k05", "k09"), cuts);
        dev.mr.api.spi.JobDefinition.load(job.conf(), getClass().getClassLoader()); // the job as sampled starts
    }

    @Test
    void aSkewedInputSaysWhichReducersGetNoKeys() throws IOException {
        String[] keys = new String[40];
        for (int i = 0; i < keys.length; i++) keys[i] = i % 2 == 0 ? "same" : "other";
        Job job = stringJob(keyValueInput("skewed", keys), 4);
        String log = stderrOf(() -> InputSampler.writePartitionFile(job, new InputSampler.RandomSampler(1, 100)));
        assertTrue(log.contains("InputSampler: only 1 distinct cut points among the 40 keys sampled: 2 of the 4 reducers will get no keys"), log);
        dev.mr.api.spi.JobDefinition.load(job.conf(), getClass().getClassLoader());
    }

    @Test
    void inputKeysOfAnotherTypeThanTheMapOutputKeyAreRefusedNamingBoth() throws IOException {
        Path in = keyValueInput("typed", "a", "b");
        Job job = Job.create(new Configuration()).inputFormat(TextInputFormat.class).mapOutput(String.class, String.class).reducers(2)
                .input(in.toString()).output(dir.resolve("out").toString()).classLoader(getClass().getClassLoader());
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> InputSampler.writePartitionFile(job, new InputSampler.SplitSampler(10)));
        assertEquals("InputSampler samples the input's keys, but dev.mr.api.io.TextInputFormat reads keys of java.lang.Long and the job's "
                + "map output key is java.lang.String: sample with an input format whose keys are the map output keys", e.getMessage());
    }

    @Test
    void cutPointsTooLargeToShipAreRefusedNamingTheLimit() throws IOException {
        String[] keys = new String[200];
        for (int i = 0; i < keys.length; i++) keys[i] = "key-" + "x".repeat(100) + i;
        Job job = stringJob(keyValueInput("long", keys), 100).set(ConfKeys.PARTITIONER_CUTS_MAX_BYTES, "4096");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> InputSampler.writePartitionFile(job, new InputSampler.SplitSampler(200)));
        assertTrue(e.getMessage().startsWith("the 99 cut points take "), e.getMessage());
        assertTrue(e.getMessage().contains("more than mr.partitioner.cuts.max.bytes=4096 allows (the longest key is 107 bytes"), e.getMessage());
        assertNull(job.conf().get(ConfKeys.PARTITIONER_CUTS), "nothing written");
    }
}
