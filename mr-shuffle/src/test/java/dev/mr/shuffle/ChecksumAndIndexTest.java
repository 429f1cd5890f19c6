package dev.mr.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.shuffle.ShuffleFixtures.Output;
import dev.mr.shuffle.TestRecords.Rec;
import dev.mr.shuffle.io.SegmentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every byte of shuffle data is checksummed so that damage is detected and reported instead of
 * silently reduced: a flipped data byte must fail the segment's CRC32C, a damaged index must
 * fail to load with its file named, and a malformed segment must fail to parse with its source named.
 */
class ChecksumAndIndexTest {

    @TempDir
    Path tmp;

    private Output mapOutput() throws IOException {
        Random rnd = new Random(3);
        TestRecords.Generator gen = new TestRecords.Generator(rnd, 3);
        List<Rec> input = new ArrayList<>();
        for (int i = 0; i < 500; i++) input.add(gen.next());
        try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(tmp, 3, 8192, 4), null)) {
            return ShuffleFixtures.collect(c, input, tmp, "map");
        }
    }

    @Test
    void flippedDataByteFailsThatSegmentsChecksumOnly() throws Exception {
        Output out = mapOutput();
        MapOutputIndex idx = out.mapIndex();
        for (int p = 0; p < 3; p++) SegmentChecksum.verify(idx.segment(out.data(), p), idx.crc32c(p), "partition " + p);
        byte[] bytes = Files.readAllBytes(out.data());
        int at = (int) (idx.offset(1) + idx.length(1) / 2);
        bytes[at] ^= 0x10;
        Files.write(out.data(), bytes);
        SegmentChecksum.verify(idx.segment(out.data(), 0), idx.crc32c(0), "partition 0");
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> SegmentChecksum.verify(idx.segment(out.data(), 1), idx.crc32c(1), "map-3 partition 1"));
        assertTrue(e.getMessage().contains("map-3 partition 1"), e.getMessage());
        int seg = (int) idx.offset(1);
        assertThrows(ChecksumMismatchException.class, () -> SegmentChecksum.verify(
                new MemorySegment(bytes, seg, (int) idx.length(1)), idx.crc32c(1), "in memory"));
    }

    @Test
    void damagedIndexFailsToLoadNamingTheFile() throws Exception {
        Output out = mapOutput();
        byte[] good = Files.readAllBytes(out.index());
        for (int at : new int[] {0, 5, 13, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 1;
            Files.write(out.index(), bad);
            IOException e = assertThrows(IOException.class, () -> MapOutputIndex.read(out.index()));
            assertTrue(e.getMessage().contains(out.index().toString()) && e.getMessage().contains("corrupt"), e.getMessage());
        }
        Files.write(out.index(), java.util.Arrays.copyOf(good, good.length - 5));
        IOException e = assertThrows(IOException.class, () -> MapOutputIndex.read(out.index()));
        assertTrue(e.getMessage().contains(out.index().toString()), e.getMessage());
        Files.delete(out.index());
        e = assertThrows(IOException.class, () -> MapOutputIndex.read(out.index()));
        assertTrue(e.getMessage().contains(out.index().toString()), e.getMessage());
    }

    @Test
    void indexRoundTripsThroughItsFile() throws Exception {
        MapOutputIndex idx = MapOutputIndex.of(new long[] {5, 0, 7}, new long[] {1, 0, 2}, new int[] {11, 0, -3});
        Path f = tmp.resolve("x.index");
        idx.write(f);
        MapOutputIndex back = MapOutputIndex.read(f);
        assertEquals(3, back.partitions());
        assertEquals(5, back.offset(2));
        assertEquals(7, back.length(2));
        assertEquals(-3, back.crc32c(2));
        assertEquals(12, back.totalBytes());
        assertEquals(ShuffleCodec.NONE, back.codec());

        MapOutputIndex zstd = MapOutputIndex.of(ShuffleCodec.ZSTD, new long[] {5, 0, 7}, new long[] {40, 0, 90}, new long[] {1, 0, 2},
                new int[] {11, 0, -3});
        zstd.write(f);
        back = MapOutputIndex.read(f);
        assertEquals(ShuffleCodec.ZSTD, back.codec());
        assertEquals(90, back.rawLength(2));
        assertEquals(130, back.totalRawBytes());
        assertEquals(new FileSegment(tmp, 5, 7, 90, ShuffleCodec.ZSTD), back.segment(tmp, 2));
    }

    @Test
    void aVersionOneIndexReadsAsUncompressed() throws Exception {
        // what workers wrote before map output compression: no codec, no raw lengths
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + 28 * 2 + 4);
        b.putInt(MapOutputIndex.MAGIC).putInt(1).putInt(2);
        b.putLong(0).putLong(5).putLong(1).putInt(11);
        b.putLong(5).putLong(7).putLong(2).putInt(-3);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Path f = Files.write(tmp.resolve("v1.index"), b.array());
        MapOutputIndex back = MapOutputIndex.read(f);
        assertEquals(ShuffleCodec.NONE, back.codec());
        assertEquals(7, back.rawLength(1));
        assertEquals(new FileSegment(tmp, 5, 7), back.segment(tmp, 1));
    }

    @Test
    void malformedSegmentFailsToParseNamingItsSource() throws Exception {
        byte[] bytes = TestRecords.encode(List.of(new Rec(0, new byte[] {1, 2}, new byte[] {3})));
        SegmentReader truncated = SegmentReader.ofBytes(bytes, 0, bytes.length - 1, "map-7 partition 2");
        IOException e = assertThrows(IOException.class, truncated::next);
        assertTrue(e.getMessage().contains("map-7 partition 2"), e.getMessage());
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        e = assertThrows(IOException.class, () -> SegmentReader.ofBytes(garbage, 0, garbage.length, "g").next());
        assertTrue(e.getMessage().contains("bad key length"), e.getMessage());
    }
}
