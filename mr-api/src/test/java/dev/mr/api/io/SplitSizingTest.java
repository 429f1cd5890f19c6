package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sizing rule decides how much of the cluster a job uses: a small input must still give
 * every slot a map, a large one must keep splits of a block (a dfs chunk at most), small files
 * must still share splits when there are far more of them than slots, and whole files must
 * spread over the slots. Explicit sizes must keep meaning what they meant before the rule.
 */
class SplitSizingTest {

    private static final long MIB = 1L << 20;
    private static final long DFS_CHUNK = 64 * MIB;
    private static final long FILE_BLOCK = 128 * MIB;

    private static Configuration slots(int n) {
        return new Configuration().setInt(ConfKeys.SLOTS, n);
    }

    /** The splits of whole files of {@code lengths} bytes, cut when splittable, then packed. */
    private static List<InputSplit> splits(Configuration conf, boolean splittable, long block, long... lengths) {
        SplitSizing sizing = SplitSizing.of(conf, Arrays.stream(lengths).sum(), lengths.length, block);
        List<FileSplit> files = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            long start = 0;
            for (long piece : splittable ? sizing.cut(lengths[i], block) : new long[] {lengths[i]}) {
                files.add(new FileSplit("f" + i, start, piece, List.of()));
                start += piece;
            }
            assertEquals(lengths[i], start, "the pieces of file " + i + " cover it");
        }
        return sizing.pack(files);
    }

    @Test
    void a64MegabyteFileOnSixSlotsRunsAsSixMaps() {
        long file = 64_000_000;
        List<InputSplit> dfs = splits(slots(6), true, DFS_CHUNK, file);
        assertEquals(6, dfs.size());
        assertEquals(6, splits(slots(6), true, FILE_BLOCK, 64 * MIB).size(), "as much in one 64 MiB file: no tail below 10% swallowed");
        for (InputSplit s : dfs) assertTrue(s.length() >= 4 * MIB && s.length() <= (file + 4 * MIB) / 6 + 1, "split of " + s.length());
    }

    @Test
    void withoutSlotsAFileIsReadInSplitsOfTheMaxAsBefore() {
        assertEquals(1, splits(new Configuration(), true, FILE_BLOCK, 64 * MIB).size());
        assertArrayEquals(new long[] {128 * MIB, 128 * MIB, 140 * MIB}, SplitSizing.of(new Configuration(), 396 * MIB, 1, FILE_BLOCK).cut(396 * MIB, FILE_BLOCK),
                "a last piece under 10% of a split joins the one before, as Hadoop's");
    }

    @Test
    void eightSmallFilesOnFourSlotsRunAsAtLeastFourMaps() {
        List<InputSplit> out = splits(slots(4), true, FILE_BLOCK, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000);
        assertTrue(out.size() >= 4, out.size() + " splits");
        // each file weighs its length + 4 MiB; a slot's share is (36000 bytes + 32 MiB) / 4: the two smallest pairs fit one
        assertEquals(List.of(List.of("f0", "f1"), List.of("f2", "f3"), List.of("f4"), List.of("f5"), List.of("f6"), List.of("f7")), shape(out));
    }

    @Test
    void manyMoreSmallFilesThanSlotsAreStillPacked() {
        long[] files = new long[1000];
        Arrays.fill(files, 1000);
        List<InputSplit> out = splits(slots(4), true, FILE_BLOCK, files);
        // 1000 files of 4 MiB + 1000 bytes each: splits capped at 128 MiB hold 31 of them
        assertEquals(33, out.size());
        out.subList(0, 32).forEach(s -> assertEquals(31, assertInstanceOf(MultiFileSplit.class, s).files().size()));
    }

    @Test
    void aHugeFileIsCutIntoSplitsOfTheMax() {
        long file = 10L << 30;
        long[] pieces = SplitSizing.of(slots(6), file, 1, FILE_BLOCK).cut(file, FILE_BLOCK);
        assertEquals(80, pieces.length);
        for (long p : pieces) assertEquals(128 * MIB, p);
    }

    @Test
    void aDfsFileIsNeverCutAboveItsChunk() {
        long file = 1L << 30;
        long[] pieces = SplitSizing.of(slots(2), file, 1, DFS_CHUNK).cut(file, DFS_CHUNK);
        assertEquals(16, pieces.length);
        for (long p : pieces) assertEquals(DFS_CHUNK, p);
        Configuration bigger = slots(2).setLong(ConfKeys.SPLIT_MAX_MB, 512);
        assertEquals(DFS_CHUNK, SplitSizing.of(bigger, file, 1, DFS_CHUNK).splitSize(DFS_CHUNK), "a larger max split does not pass the chunk");
        assertEquals(512 * MIB, SplitSizing.of(bigger, file, 1, 512 * MIB).splitSize(512 * MIB));
    }

    @Test
    void splitsAreNeverSmallerThanTheOpenCost() {
        assertEquals(4 * MIB, SplitSizing.of(slots(100), 10 * MIB, 1, FILE_BLOCK).splitSize(FILE_BLOCK));
        assertEquals(3, splits(slots(100), true, FILE_BLOCK, 10 * MIB).size());
        Configuration cheap = slots(100).setLong(ConfKeys.OPEN_COST_MB, 0);
        assertEquals(100, splits(cheap, true, FILE_BLOCK, 10 * MIB).size(), "with no open cost, a split per slot");
    }

    @Test
    void wholeFilesSpreadOverTheSlotsEvenWhenPackingWouldJoinThem() {
        // one large file takes most of the per-slot share: the seven small ones would fit one split
        List<InputSplit> out = splits(slots(4), false, FILE_BLOCK, 100 * MIB, 1, 2, 3, 4, 5, 6, 7);
        assertEquals(4, out.size());
        assertEquals(List.of(List.of("f0"), List.of("f1", "f2", "f3"), List.of("f4", "f5"), List.of("f6", "f7")), shape(out),
                "the packed run halved by weight, the heaviest first, in listing order");
        assertEquals(2, splits(slots(4), false, FILE_BLOCK, 5, 6).size(), "never more than one split per whole file");
    }

    private static List<List<String>> shape(List<InputSplit> out) {
        return out.stream().map(s -> s instanceof MultiFileSplit m ? m.files().stream().map(FileSplit::path).toList() : List.of(s.path())).toList();
    }

    @Test
    void minSplitsReplacesTheSlotsAsTheDivisor() {
        Configuration conf = slots(2).setInt(ConfKeys.MIN_SPLITS, 8);
        assertEquals(8, splits(conf, true, FILE_BLOCK, 64 * MIB).size());
        assertEquals(8, splits(new Configuration().setInt(ConfKeys.MIN_SPLITS, 8), true, FILE_BLOCK, 64 * MIB).size(), "with no slots known too");
    }

    @Test
    void anExplicitSplitSizeCutsAtExactlyThatSizeWhateverTheSlots() {
        Configuration conf = slots(6).setLong(ConfKeys.SPLIT_SIZE, 1000);
        assertArrayEquals(new long[] {1000, 1000, 1050}, SplitSizing.of(conf, 3050, 1, FILE_BLOCK).cut(3050, FILE_BLOCK));
        // packing by bytes alone, up to the split size, with no floor
        assertEquals(1, splits(conf, true, FILE_BLOCK, 100, 200, 300).size());
    }

    @Test
    void anExplicitPackSizePacksByBytesAloneAndZeroTurnsPackingOff() {
        assertEquals(2, splits(slots(1).setLong(ConfKeys.PACK_SIZE, 300), true, FILE_BLOCK, 100, 200, 300).size());
        assertEquals(3, splits(slots(1).setLong(ConfKeys.PACK_SIZE, 0), true, FILE_BLOCK, 1, 2, 3).size());
        // the slots still size the cuts of splittable files
        assertEquals(6, splits(slots(6).setLong(ConfKeys.PACK_SIZE, 0), true, DFS_CHUNK, 64_000_000).size());
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertEquals("setting mr.input.split.max.mb=0 must be positive",
                assertThrows(InvalidJobException.class, () -> SplitSizing.of(new Configuration().setLong(ConfKeys.SPLIT_MAX_MB, 0), 1, 1, 1)).getMessage());
        assertEquals("setting mr.input.open.cost.mb=-1 must be 0 or more",
                assertThrows(InvalidJobException.class, () -> SplitSizing.of(new Configuration().setLong(ConfKeys.OPEN_COST_MB, -1), 1, 1, 1)).getMessage());
        assertEquals("setting mr.input.min.splits=abc is not an integer",
                assertThrows(InvalidJobException.class, () -> SplitSizing.of(new Configuration().set(ConfKeys.MIN_SPLITS, "abc"), 1, 1, 1)).getMessage());
        assertEquals("setting mr.input.split.size=0 must be positive",
                assertThrows(InvalidJobException.class, () -> SplitSizing.of(new Configuration().setLong(ConfKeys.SPLIT_SIZE, 0), 1, 1, 1)).getMessage());
    }
}
