package dev.mr.shuffle;

import static dev.mr.shuffle.ShuffleFixtures.LONG_SUM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.ShuffleFixtures.Output;
import dev.mr.shuffle.TestRecords.Rec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes of map output that random tests reach rarely or never: nothing at all, one
 * partition, a thousand partitions, a record larger than the whole buffer, a comparator that
 * is not byte order, and a combiner that breaks its contract.
 */
class MapOutputEdgeCasesTest {

    /** Descending byte order: not a BytesComparator, so the prefix shortcut must not be used. */
    static final RawComparator REVERSE = (a, ao, al, b, bo, bl) -> Arrays.compareUnsigned(b, bo, bo + bl, a, ao, ao + al);

    @TempDir
    Path tmp;

    @Test
    void emptyInputWritesEveryPartitionAsAnEmptySegment() throws Exception {
        for (CombineFunction combiner : new CombineFunction[] {null, LONG_SUM}) {
            try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, 5, 4096, 4), combiner)) {
                Output out = ShuffleFixtures.collect(c, List.of(), tmp, "empty" + (combiner == null));
                assertEquals(5, out.mapIndex().partitions());
                for (int p = 0; p < 5; p++) {
                    assertEquals(0, out.mapIndex().length(p));
                    assertEquals(0, out.mapIndex().records(p));
                    assertEquals(SegmentChecksum.of(new byte[0], 0, 0), out.mapIndex().crc32c(p));
                }
                assertEquals(0, Files.size(out.data()));
            }
        }
    }

    @Test
    void singlePartitionAndAThousandPartitionsSortLikeEverythingElse() throws Exception {
        for (int partitions : new int[] {1, 1000}) {
            Random rnd = new Random(partitions);
            TestRecords.Generator gen = new TestRecords.Generator(rnd, partitions);
            List<Rec> input = new ArrayList<>();
            for (int i = 0; i < 5000; i++) input.add(gen.next());
            Output out;
            try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, partitions, 16384, 3), null)) {
                out = ShuffleFixtures.collect(c, input, tmp, "p" + partitions);
            }
            List<Rec> sorted = new ArrayList<>(input);
            sorted.sort(TestRecords.order(BytesComparator.INSTANCE));
            for (int p = 0; p < partitions; p++) {
                final int part = p;
                assertArrayEquals(TestRecords.encode(sorted.stream().filter(r -> r.partition() == part).toList()),
                        out.segmentBytes(p), "partition " + p);
            }
        }
    }

    @Test
    void aThousandPartitionsWithACombinerSumPerPartitionAndKey() throws Exception {
        Random rnd = new Random(1000);
        List<Rec> input = new ArrayList<>();
        java.util.Map<String, Long> sums = new java.util.TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            int p = rnd.nextInt(1000);
            byte[] key = {(byte) rnd.nextInt(4), (byte) rnd.nextInt(4)};
            input.add(new Rec(p, key, ShuffleFixtures.longBytes(i)));
            sums.merge(p + "/" + java.util.HexFormat.of().formatHex(key), (long) i, Long::sum);
        }
        java.util.Map<String, Long> got = new java.util.TreeMap<>();
        try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, 1000, 256 << 10, 4), LONG_SUM)) {
            Output out = ShuffleFixtures.collect(c, input, tmp, "p1000c");
            for (int p = 0; p < 1000; p++) {
                for (Rec r : out.partitions().get(p)) {
                    got.put(p + "/" + java.util.HexFormat.of().formatHex(r.key()), ShuffleFixtures.longOf(r.value()));
                }
            }
        }
        assertEquals(sums, got);
    }

    @Test
    void recordLargerThanTheBufferIsWrittenAsARunOfItsOwn() throws Exception {
        for (CombineFunction combiner : new CombineFunction[] {null, LONG_SUM}) {
            List<Rec> input = new ArrayList<>();
            byte[] hugeKey = new byte[3000];
            Arrays.fill(hugeKey, (byte) 0xEE);
            for (int i = 0; i < 40; i++) input.add(new Rec(i % 2, new byte[] {(byte) i}, ShuffleFixtures.longBytes(i)));
            input.add(new Rec(1, hugeKey, ShuffleFixtures.longBytes(1000)));
            for (int i = 0; i < 40; i++) input.add(new Rec(i % 2, new byte[] {(byte) i}, ShuffleFixtures.longBytes(i)));
            input.add(new Rec(1, hugeKey, ShuffleFixtures.longBytes(2000)));
            Output out;
            try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, 2, 1024, 2), combiner)) {
                out = ShuffleFixtures.collect(c, input, tmp, "huge" + (combiner == null));
            }
            List<Rec> p1 = out.partitions().get(1);
            Rec last = p1.get(p1.size() - 1);
            assertArrayEquals(hugeKey, last.key());
            if (combiner == null) {
                List<Rec> sorted = new ArrayList<>(input);
                sorted.sort(TestRecords.order(BytesComparator.INSTANCE));
                assertArrayEquals(TestRecords.encode(sorted.stream().filter(r -> r.partition() == 1).toList()),
                        out.segmentBytes(1));
            } else {
                assertEquals(3000, ShuffleFixtures.longOf(last.value()));
                assertEquals(20, out.partitions().get(0).size());
            }

            // and a reducer with less memory than the record takes it too
            ShuffleSettings small = ShuffleFixtures.settings(tmp, 1, 1024, 2).withReduceMemoryBytes(1000);
            try (ReduceMerger merger = new ReduceMerger(small)) {
                merger.add(MemorySegment.of(out.segmentBytes(1)));
                merger.add(out.mapIndex().segment(out.data(), 1));
                List<Rec> merged = TestRecords.readAll(merger.finish(), 1);
                assertEquals(2 * p1.size(), merged.size());
                assertArrayEquals(hugeKey, merged.get(merged.size() - 1).key());
            }
        }
    }

    @Test
    void nonBytewiseComparatorSortsMergesAndGroupsByItsOwnOrder() throws Exception {
        Random rnd = new Random(42);
        TestRecords.Generator gen = new TestRecords.Generator(rnd, 3);
        List<Rec> input = new ArrayList<>();
        for (int i = 0; i < 3000; i++) input.add(gen.next());
        ShuffleSettings s = ShuffleFixtures.settings(tmp, 3, 2048, 2, REVERSE);
        Output a;
        Output b;
        try (MapOutputCollector c = new MapOutputCollector(s, null)) {
            a = ShuffleFixtures.collect(c, input.subList(0, 1500), tmp, "a");
        }
        try (MapOutputCollector c = new MapOutputCollector(s, null)) {
            b = ShuffleFixtures.collect(c, input.subList(1500, 3000), tmp, "b");
        }
        List<Rec> sorted = new ArrayList<>(input.subList(0, 1500));
        sorted.sort(TestRecords.order(REVERSE));
        for (int p = 0; p < 3; p++) {
            final int part = p;
            assertArrayEquals(TestRecords.encode(sorted.stream().filter(r -> r.partition() == part).toList()),
                    a.segmentBytes(p), "partition " + p);
        }
        try (ReduceMerger merger = new ReduceMerger(s.withReduceMemoryBytes(300))) {
            merger.add(MemorySegment.of(a.segmentBytes(2)));
            merger.add(b.mapIndex().segment(b.data(), 2));
            KeyGroups groups = new KeyGroups(merger.finish(), REVERSE);
            byte[] prev = null;
            long values = 0;
            while (groups.nextGroup()) {
                byte[] k = Arrays.copyOf(groups.keyBuffer(), groups.keyLength());
                if (prev != null) assertTrue(Arrays.compareUnsigned(prev, k) > 0, "groups must descend");
                prev = k;
                while (groups.nextValue()) values++;
            }
            assertEquals(a.partitions().get(2).size() + b.partitions().get(2).size(), values);
        }
    }

    @Test
    void combinerThatChangesTheKeyIsAnErrorNamingIt() throws Exception {
        CombineFunction bad = (key, off, len, values, out) -> out.write(new byte[] {9, 9}, 0, 2, new byte[8], 0, 8);
        try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, 1, 4096, 2), bad)) {
            c.collect(0, new byte[] {1}, 0, 1, new byte[8], 0, 8);
            c.collect(0, new byte[] {1}, 0, 1, new byte[8], 0, 8);
            IOException e = assertThrows(IOException.class, () -> c.finish(tmp.resolve("d"), tmp.resolve("i")));
            assertTrue(e.getMessage().contains("0909") && e.getMessage().contains("must keep the key"), e.getMessage());
        }
    }

    @Test
    void misuseIsRefusedWithAClearError() throws Exception {
        ShuffleSettings s = ShuffleFixtures.settings(tmp, 4, 4096, 2);
        try (MapOutputCollector c = new MapOutputCollector(s, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.collect(4, new byte[1], 0, 1, new byte[1], 0, 1));
            assertTrue(e.getMessage().contains("partition 4"), e.getMessage());
            c.finish(tmp.resolve("d"), tmp.resolve("i"));
            assertThrows(IllegalStateException.class, () -> c.collect(0, new byte[1], 0, 1, new byte[1], 0, 1));
        }
        assertThrows(IllegalArgumentException.class, () -> ShuffleFixtures.settings(tmp, 0, 4096, 2));
        assertThrows(IllegalArgumentException.class, () -> ShuffleFixtures.settings(tmp, 1, 4096, 1));
    }

    @Test
    void closeWithoutFinishDeletesTheSpills() throws Exception {
        ShuffleSettings s = ShuffleFixtures.settings(tmp, 2, 512, 2);
        MapOutputCollector c = new MapOutputCollector(s, null);
        for (int i = 0; i < 500; i++) c.collect(i % 2, new byte[] {(byte) i}, 0, 1, new byte[20], 0, 20);
        assertFalse(MapOutputCollectorPropertyTest.listFiles(s.tmpDir()).isEmpty(), "expected spill files");
        c.close();
        c.close();
        assertEquals(List.of(), MapOutputCollectorPropertyTest.listFiles(s.tmpDir()));
    }

    @Test
    void reducerMovesInMemorySegmentsToDiskWhenOverBudgetAndCleansUp() throws Exception {
        ShuffleSettings s = ShuffleFixtures.settings(tmp, 1, 4096, 10).withReduceMemoryBytes(100);
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < 20; i++) recs.add(new Rec(0, new byte[] {(byte) i}, new byte[10]));
        try (ReduceMerger merger = new ReduceMerger(s)) {
            for (int i = 0; i < 20; i += 5) merger.add(MemorySegment.of(TestRecords.encode(recs.subList(i, i + 5))));
            assertFalse(MapOutputCollectorPropertyTest.listFiles(s.tmpDir()).isEmpty(), "expected a run on disk");
            List<Rec> merged = TestRecords.readAll(merger.finish(), 0);
            assertEquals(ReduceMergerPropertyTest.multiset(recs), ReduceMergerPropertyTest.multiset(merged));
        }
        assertEquals(List.of(), MapOutputCollectorPropertyTest.listFiles(s.tmpDir()));
    }
}
