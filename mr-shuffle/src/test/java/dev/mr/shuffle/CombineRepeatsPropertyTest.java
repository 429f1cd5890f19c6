package dev.mr.shuffle;

import static dev.mr.shuffle.ShuffleFixtures.LONG_SUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.shuffle.ShuffleFixtures.Output;
import dev.mr.shuffle.TestRecords.Rec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The combine table counts a value equal to its key's last inline value instead of storing
 * it, and replays it that many times when the key is combined or spilled. A miscount there
 * would lose or double values silently, so these tests feed heavily repeated values of mixed
 * lengths and check every value against a HashMap: with a combiner that keeps values as they
 * are (the multiset of values per key must come out unchanged) and with a summing one, through
 * buffers small enough to force spills, eager combines and merges.
 */
class CombineRepeatsPropertyTest {

    @TempDir
    Path tmp;

    /** Writes every value back unchanged: the output must hold exactly the input's values. */
    private static final CombineFunction IDENTITY = (key, keyOff, keyLen, values, out) -> {
        while (values.next()) out.write(key, keyOff, keyLen, values.buffer(), values.offset(), values.length());
    };

    @Test
    void aCombinerThatKeepsValuesSeesEachValueExactlyAsOftenAsItWasWritten() throws Exception {
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            int partitions = 1 + rnd.nextInt(3);
            // values of 0 to 20 bytes (longer than fits inline too), a few of them most of the time
            byte[][] values = new byte[6][];
            for (int i = 0; i < values.length; i++) {
                values[i] = new byte[rnd.nextInt(21)];
                rnd.nextBytes(values[i]);
            }
            List<Rec> input = new ArrayList<>();
            Map<String, Map<String, Integer>> expected = new HashMap<>();
            int n = 2000 + rnd.nextInt(6000);
            for (int i = 0; i < n; i++) {
                byte[] key = {(byte) rnd.nextInt(40), (byte) rnd.nextInt(2)};
                int p = (key[0] & 0xFF) % partitions;
                byte[] v = values[rnd.nextInt(4) == 0 ? rnd.nextInt(values.length) : 0];
                input.add(new Rec(p, key, v));
                expected.computeIfAbsent(p + "/" + hex(key), k -> new TreeMap<>()).merge(hex(v), 1, Integer::sum);
            }
            int buffer = seed % 2 == 0 ? 1 << 20 : 8192 + rnd.nextInt(8192);
            Output out;
            long combineIn;
            try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, partitions, buffer, 3),
                    IDENTITY, CombineStrategy.HASH)) {
                out = ShuffleFixtures.collect(c, input, Files.createDirectories(tmp.resolve("i" + seed)), "map");
                combineIn = c.combineInputRecords();
            }
            Map<String, Map<String, Integer>> got = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                for (Rec r : out.partitions().get(p)) {
                    got.computeIfAbsent(p + "/" + hex(r.key()), k -> new TreeMap<>()).merge(hex(r.value()), 1, Integer::sum);
                }
            }
            assertEquals(expected, got, "seed " + seed);
            assertTrue(combineIn >= n || combineIn == 0, "every value combined counts as combine input, seed " + seed);
        }
    }

    @Test
    void valuesThatDifferInOnlyOneByteAreNotCountedAsRepeats() throws Exception {
        // values of up to 8 bytes are compared as one word; a mask one byte short would merge these
        for (int len = 1; len <= 9; len++) {
            for (int differing = 0; differing < len; differing++) {
                byte[] a = new byte[len];
                byte[] b = new byte[len];
                b[differing] = 1;
                List<Rec> input = new ArrayList<>();
                Map<String, Map<String, Integer>> expected = new HashMap<>();
                for (int i = 0; i < 200; i++) {
                    byte[] key = {(byte) (i % 3)};
                    byte[] v = i % 5 == 4 ? b : a;
                    input.add(new Rec(0, key, v));
                    expected.computeIfAbsent(hex(key), k -> new TreeMap<>()).merge(hex(v), 1, Integer::sum);
                }
                Output out;
                Path dir = Files.createDirectories(tmp.resolve("d" + len + "-" + differing));
                try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, 1, 1 << 20, 2),
                        IDENTITY, CombineStrategy.HASH)) {
                    out = ShuffleFixtures.collect(c, input, dir, "map");
                }
                Map<String, Map<String, Integer>> got = new HashMap<>();
                for (Rec r : out.partitions().get(0)) {
                    got.computeIfAbsent(hex(r.key()), k -> new TreeMap<>()).merge(hex(r.value()), 1, Integer::sum);
                }
                assertEquals(expected, got, len + "-byte values differing in byte " + differing);
            }
        }
    }

    @Test
    void summingRepeatedValuesGivesTheSameCountsAsAHashMap() throws Exception {
        for (long seed = 20; seed < 30; seed++) {
            Random rnd = new Random(seed);
            int partitions = 1 + rnd.nextInt(3);
            List<Rec> input = new ArrayList<>();
            Map<String, Long> sums = new HashMap<>();
            int n = 5000 + rnd.nextInt(20_000);
            for (int i = 0; i < n; i++) {
                // Zipf-like keys, mostly ones as values, as WordCount writes
                byte[] key = ("k" + (int) Math.pow(rnd.nextDouble(), 3) * 500).getBytes();
                int p = key.length % partitions;
                long v = rnd.nextInt(50) == 0 ? rnd.nextInt(1000) : 1;
                input.add(new Rec(p, key, ShuffleFixtures.longBytes(v)));
                sums.merge(p + "/" + hex(key), v, Long::sum);
            }
            int buffer = seed % 2 == 0 ? 1 << 20 : 12_288 + rnd.nextInt(8192);
            Output out;
            try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, partitions, buffer, 2),
                    LONG_SUM, CombineStrategy.HASH)) {
                out = ShuffleFixtures.collect(c, input, Files.createDirectories(tmp.resolve("s" + seed)), "map");
            }
            Map<String, Long> got = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                for (Rec r : out.partitions().get(p)) {
                    Long before = got.put(p + "/" + hex(r.key()), ShuffleFixtures.longOf(r.value()));
                    assertEquals(null, before, "a key written twice, seed " + seed);
                }
            }
            assertEquals(sums, got, "seed " + seed);
        }
    }

    @Test
    void keysWhoseValuesAreAllAlikeAreCombinedOnceEachWhenTheyFitInMemory() throws Exception {
        // a combiner call per few records is what made WordCount slow; with repeats counted,
        // each key with more than one value is combined exactly once, at the final write
        Random rnd = new Random(5);
        List<Rec> input = new ArrayList<>();
        Map<String, Long> sums = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            byte[] key = ("w" + rnd.nextInt(1000)).getBytes();
            input.add(new Rec(0, key, ShuffleFixtures.longBytes(1)));
            sums.merge(hex(key), 1L, Long::sum);
        }
        long singles = sums.values().stream().filter(v -> v == 1).count();
        try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, 1, 1 << 20, 2), LONG_SUM,
                CombineStrategy.HASH)) {
            Output out = ShuffleFixtures.collect(c, input, tmp, "map");
            assertEquals(0, c.spills());
            assertEquals(100_000 - singles, c.combineInputRecords());
            assertEquals(sums.size() - singles, c.combineOutputRecords());
            for (Rec r : out.partitions().get(0)) assertEquals(sums.get(hex(r.key())), ShuffleFixtures.longOf(r.value()));
            assertEquals(sums.size(), out.partitions().get(0).size());
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
