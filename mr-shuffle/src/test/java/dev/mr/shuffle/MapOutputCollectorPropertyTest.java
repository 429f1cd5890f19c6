package dev.mr.shuffle;

import static dev.mr.shuffle.ShuffleFixtures.LONG_SUM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.serde.BytesComparator;
import dev.mr.shuffle.ShuffleFixtures.Output;
import dev.mr.shuffle.TestRecords.Rec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map side's sort, spill, combine and multi-pass merge are where bytes get reordered, so
 * their result is checked against an independent computation (a stable {@code List.sort} of
 * the same records, a HashMap of sums) over random records, with buffers small enough to force
 * dozens of spills and a sort factor small enough to force intermediate merges.
 */
class MapOutputCollectorPropertyTest {

    @TempDir
    Path tmp;

    @Test
    void sortedOutputEqualsAStableSortByPartitionThenKeyByteForByte() throws Exception {
        for (long seed = 1; seed <= 16; seed++) {
            try {
                checkSorted(seed);
            } catch (Throwable t) {
                throw new AssertionError("failed with seed " + seed + ": " + t.getMessage(), t);
            }
        }
    }

    private void checkSorted(long seed) throws Exception {
        Random rnd = new Random(seed);
        int partitions = 1 + rnd.nextInt(5);
        int buffer = 1024 + rnd.nextInt(3072);
        int factor = 2 + rnd.nextInt(3);
        TestRecords.Generator gen = new TestRecords.Generator(rnd, partitions);
        List<Rec> input = new ArrayList<>();
        int n = 500 + rnd.nextInt(2500);
        for (int i = 0; i < n; i++) input.add(gen.next());

        ShuffleSettings s = ShuffleFixtures.settings(tmp, partitions, buffer, factor);
        Path dir = Files.createDirectories(tmp.resolve("s" + seed));
        Output out;
        long spilled;
        int spills;
        try (MapOutputCollector c = new MapOutputCollector(s, null)) {
            out = ShuffleFixtures.collect(c, input, dir, "map");
            spilled = c.spilledRecords();
            spills = c.spills();
        }
        List<Rec> expected = new ArrayList<>(input);
        expected.sort(TestRecords.order(BytesComparator.INSTANCE));
        for (int p = 0; p < partitions; p++) {
            final int part = p;
            List<Rec> want = expected.stream().filter(r -> r.partition() == part).toList();
            assertArrayEquals(TestRecords.encode(want), out.segmentBytes(p), "partition " + p + " bytes");
        }
        assertTrue(spills >= 10 && spilled >= n / 2, "expected dozens of spills with a " + buffer + "-byte buffer, got "
                + spills + " spills of " + spilled + " records");
        assertEquals(List.of(), listFiles(s.tmpDir()), "run files left behind");
    }

    @Test
    void combinedOutputHoldsEachKeyOnceWithTheSumOfItsValues() throws Exception {
        // seeds cycle through the hash, sort and adaptive strategies
        for (long seed = 100; seed < 118; seed++) {
            try {
                checkCombined(seed);
            } catch (Throwable t) {
                throw new AssertionError("failed with seed " + seed + ": " + t.getMessage(), t);
            }
        }
    }

    private void checkCombined(long seed) throws Exception {
        Random rnd = new Random(seed);
        int partitions = 1 + rnd.nextInt(4);
        CombineStrategy strategy = CombineStrategy.values()[(int) (seed % CombineStrategy.values().length)];
        // a hash table slot takes 64 bytes, so the hash strategies need more room to hold a few dozen keys
        int buffer = strategy == CombineStrategy.SORT ? 1024 + rnd.nextInt(3072) : 12_288 + rnd.nextInt(20_480);
        int factor = 2 + rnd.nextInt(3);
        TestRecords.Generator gen = new TestRecords.Generator(rnd, partitions);
        List<Rec> input = new ArrayList<>();
        Map<String, Long> sums = new HashMap<>();
        int n = 1000 + rnd.nextInt(3000);
        for (int i = 0; i < n; i++) {
            byte[] key = gen.key();
            int p = Math.floorMod(Arrays.hashCode(key), partitions);
            long v = rnd.nextInt(1000) - 100;
            input.add(new Rec(p, key, ShuffleFixtures.longBytes(v)));
            sums.merge(p + "/" + HexFormat.of().formatHex(key), v, Long::sum);
        }
        ShuffleSettings s = ShuffleFixtures.settings(tmp, partitions, buffer, factor);
        Path dir = Files.createDirectories(tmp.resolve("c" + seed));
        Output out;
        int spills;
        try (MapOutputCollector c = new MapOutputCollector(s, LONG_SUM, strategy)) {
            out = ShuffleFixtures.collect(c, input, dir, "map");
            assertTrue(c.combineOutputRecords() <= c.combineInputRecords());
            spills = c.spills();
        }
        assertTrue(spills >= 2, "expected spills and merges with a " + buffer + "-byte buffer, got " + spills + " spills");
        Map<String, Long> got = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            byte[] prev = null;
            for (Rec r : out.partitions().get(p)) {
                if (prev != null) {
                    assertTrue(Arrays.compareUnsigned(prev, r.key()) < 0, "keys not strictly increasing in partition " + p);
                }
                prev = r.key();
                got.put(p + "/" + HexFormat.of().formatHex(r.key()), ShuffleFixtures.longOf(r.value()));
            }
        }
        assertEquals(sums, got);
        assertEquals(List.of(), listFiles(s.tmpDir()), "run files left behind");
    }

    @Test
    void combineTableCollapsesRepeatedKeysInsteadOfSpilling() throws Exception {
        // 20,000 records over 10 keys would fill a 4 KiB buffer many times over; collapsing
        // each key's values in place means no spill is ever needed.
        ShuffleSettings s = ShuffleFixtures.settings(tmp, 2, 4096, 2);
        Random rnd = new Random(7);
        List<Rec> input = new ArrayList<>();
        long[] sums = new long[10];
        for (int i = 0; i < 20_000; i++) {
            int k = rnd.nextInt(10);
            sums[k] += i;
            input.add(new Rec(k % 2, new byte[] {(byte) k}, ShuffleFixtures.longBytes(i)));
        }
        try (MapOutputCollector c = new MapOutputCollector(s, LONG_SUM)) {
            Output out = ShuffleFixtures.collect(c, input, tmp, "map");
            assertEquals(10, c.spilledRecords(), "only the final write, no spill");
            for (int p = 0; p < 2; p++) {
                for (Rec r : out.partitions().get(p)) assertEquals(sums[r.key()[0]], ShuffleFixtures.longOf(r.value()));
                assertEquals(5, out.partitions().get(p).size());
            }
        }
    }

    static List<Path> listFiles(Path dir) throws Exception {
        if (!Files.exists(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
