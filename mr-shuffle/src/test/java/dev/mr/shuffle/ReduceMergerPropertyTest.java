package dev.mr.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.TestRecords.Rec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reducer sees every map output only through the merge and the grouping, so both are checked
 * against an independent computation: segments built by the tests' own encoder from sorted
 * random records, handed over from several threads as a mix of memory and file segments, with
 * a memory budget small enough to force runs on disk and a sort factor small enough to force
 * intermediate passes. The merged stream must be the sorted multiset of all records, and the
 * groups must be the maximal runs of equal keys by the grouping comparator.
 */
class ReduceMergerPropertyTest {

    /** Groups keys by their first byte only: coarser than the byte order, as a secondary sort's grouping is. */
    static final RawComparator FIRST_BYTE = (a, ao, al, b, bo, bl) -> {
        int x = al == 0 ? -1 : a[ao] & 0xFF;
        int y = bl == 0 ? -1 : b[bo] & 0xFF;
        return Integer.compare(x, y);
    };

    @TempDir
    Path tmp;

    @Test
    void mergedStreamIsTheSortedMultisetAndGroupsMatch() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            try {
                check(seed);
            } catch (Throwable t) {
                throw new AssertionError("failed with seed " + seed + ": " + t.getMessage(), t);
            }
        }
    }

    private void check(long seed) throws Exception {
        Random rnd = new Random(seed);
        int maps = 1 + rnd.nextInt(25);
        TestRecords.Generator gen = new TestRecords.Generator(rnd, 1);
        List<Rec> all = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        Path dir = Files.createDirectories(tmp.resolve("s" + seed));
        for (int m = 0; m < maps; m++) {
            List<Rec> recs = new ArrayList<>();
            int n = rnd.nextInt(300);
            for (int i = 0; i < n; i++) recs.add(gen.next());
            recs.sort(TestRecords.order(BytesComparator.INSTANCE));
            all.addAll(recs);
            byte[] bytes = TestRecords.encode(recs);
            if (rnd.nextBoolean()) {
                int pad = rnd.nextInt(5);
                byte[] padded = new byte[bytes.length + 2 * pad];
                System.arraycopy(bytes, 0, padded, pad, bytes.length);
                segments.add(new MemorySegment(padded, pad, bytes.length));
            } else {
                int pad = rnd.nextInt(100);
                byte[] padded = new byte[bytes.length + pad + 7];
                System.arraycopy(bytes, 0, padded, pad, bytes.length);
                Path f = dir.resolve("map-" + m);
                Files.write(f, padded);
                segments.add(new FileSegment(f, pad, bytes.length));
            }
        }
        ShuffleSettings s = new ShuffleSettings(1, 1 << 16, 0.8, 2 + rnd.nextInt(4), 200 + rnd.nextInt(4000),
                BytesComparator.INSTANCE, dir.resolve("tmp"));
        List<Rec> merged;
        List<Rec> grouped = new ArrayList<>();
        List<String> groupKeys = new ArrayList<>();
        try (ReduceMerger merger = new ReduceMerger(s)) {
            addConcurrently(merger, segments, 1 + rnd.nextInt(4));
            assertEquals(maps, merger.segments());
            merged = TestRecords.readAll(merger.finish(), 0);
        }
        assertEquals(List.of(), MapOutputCollectorPropertyTest.listFiles(s.tmpDir()), "temporary files left behind");
        all.sort(TestRecords.order(BytesComparator.INSTANCE));
        assertEquals(all.size(), merged.size());
        for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(all.get(i).key(), merged.get(i).key(), "key at " + i);
        }
        assertEquals(multiset(all), multiset(merged));

        // Same merge, read through KeyGroups with the coarser grouping.
        try (ReduceMerger merger = new ReduceMerger(s)) {
            for (Segment seg : segments) merger.add(seg);
            KeyGroups groups = new KeyGroups(merger.finish(), FIRST_BYTE);
            while (groups.nextGroup()) {
                groupKeys.add(HexFormat.of().formatHex(groups.keyBuffer(), 0, groups.keyLength()));
                byte[] first = java.util.Arrays.copyOf(groups.keyBuffer(), groups.keyLength());
                while (groups.nextValue()) {
                    byte[] k = java.util.Arrays.copyOfRange(groups.currentKeyBuffer(), groups.currentKeyOffset(),
                            groups.currentKeyOffset() + groups.currentKeyLength());
                    assertEquals(0, FIRST_BYTE.compare(first, 0, first.length, k, 0, k.length));
                    grouped.add(new Rec(0, k, java.util.Arrays.copyOfRange(groups.valueBuffer(),
                            groups.valueOffset(), groups.valueOffset() + groups.valueLength())));
                }
            }
            assertEquals(groupKeys.size(), groups.groups());
            assertEquals(all.size(), groups.values());
        }
        List<String> expectedKeys = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            byte[] k = all.get(i).key();
            if (i == 0 || FIRST_BYTE.compare(all.get(i - 1).key(), 0, all.get(i - 1).key().length, k, 0, k.length) != 0) {
                expectedKeys.add(HexFormat.of().formatHex(k));
            }
        }
        assertEquals(expectedKeys, groupKeys);
        assertEquals(multiset(all), multiset(grouped));
    }

    private static void addConcurrently(ReduceMerger merger, List<Segment> segments, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Segment seg : segments) {
                done.add(pool.submit(() -> {
                    merger.add(seg);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
    }

    static List<String> multiset(List<Rec> recs) {
        List<String> out = new ArrayList<>();
        for (Rec r : recs) out.add(HexFormat.of().formatHex(r.key()) + ":" + HexFormat.of().formatHex(r.value()));
        out.sort(null);
        return out;
    }

    @Test
    void skippingValuesMidGroupLandsOnTheNextGroup() throws Exception {
        // Reducers often stop reading a group early (top-N, existence checks); the next group
        // must still start at its own first record.
        List<Rec> recs = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            for (int v = 0; v <= k % 7; v++) recs.add(new Rec(0, new byte[] {(byte) k}, new byte[] {(byte) v}));
        }
        ShuffleSettings s = ShuffleFixtures.settings(tmp, 1, 4096, 3);
        try (ReduceMerger merger = new ReduceMerger(s)) {
            merger.add(MemorySegment.of(TestRecords.encode(recs.subList(0, 60))));
            merger.add(MemorySegment.of(TestRecords.encode(recs.subList(60, recs.size()))));
            KeyGroups g = new KeyGroups(merger.finish(), BytesComparator.INSTANCE);
            int expectedKey = 0;
            while (g.nextGroup()) {
                assertEquals(1, g.keyLength());
                assertEquals(expectedKey, g.keyBuffer()[0]);
                if (expectedKey % 3 == 0) {
                    int count = 0;
                    while (g.nextValue()) count++;
                    assertEquals(expectedKey % 7 + 1, count);
                } else if (expectedKey % 3 == 1) {
                    assertTrue(g.nextValue());
                }
                expectedKey++;
            }
            assertEquals(50, expectedKey);
        }
    }
}
