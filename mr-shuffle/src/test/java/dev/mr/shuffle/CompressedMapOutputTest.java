package dev.mr.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.serde.BytesComparator;
import dev.mr.shuffle.ShuffleFixtures.Output;
import dev.mr.shuffle.TestRecords.Rec;
import dev.mr.shuffle.io.SegmentReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed map output must hold exactly the records an uncompressed one holds, whatever the
 * spills, merges and block boundaries did to them, and a damaged block must never be used. The
 * oracle is the same collector with codec {@code none}, fed the same records: every compressed
 * segment, read back as a file range, decompressed as a fetched one, and merged on the reduce side
 * (in memory, on disk, through compressed merge runs), must give the uncompressed bytes.
 */
class CompressedMapOutputTest {

    static final ShuffleCodec[] CODECS = {ShuffleCodec.LZ4, ShuffleCodec.ZSTD};

    @TempDir
    Path tmp;

    @Test
    void everyCodecRoundTripsSpillMergeIndexAndReduceToTheUncompressedRecords() throws Exception {
        for (ShuffleCodec codec : CODECS) {
            for (long seed = 1; seed <= 4; seed++) {
                try {
                    roundTrip(codec, seed);
                } catch (Throwable t) {
                    throw new AssertionError(codec.label() + " failed with seed " + seed + ": " + t.getMessage(), t);
                }
            }
        }
    }

    private void roundTrip(ShuffleCodec codec, long seed) throws Exception {
        Random rnd = new Random(seed);
        int partitions = 1 + rnd.nextInt(4);
        int buffer = 4096 + rnd.nextInt(8192);
        List<Output> plain = new ArrayList<>();
        List<MapOutputIndex> packed = new ArrayList<>();
        List<Path> packedData = new ArrayList<>();
        for (int map = 0; map < 3; map++) {
            List<Rec> input = records(rnd, partitions, 1500 + rnd.nextInt(1500));
            Path dir = Files.createDirectories(tmp.resolve(codec.label() + "-" + seed + "-" + map));
            ShuffleSettings none = ShuffleFixtures.settings(dir.resolve("none"), partitions, buffer, 2);
            Output expected;
            try (MapOutputCollector c = new MapOutputCollector(none, null)) {
                expected = ShuffleFixtures.collect(c, input, dir, "none");
            }
            ShuffleSettings compressed = none.withCodec(codec);
            try (MapOutputCollector c = new MapOutputCollector(compressed, null)) {
                for (Rec r : input) c.collect(r.partition(), r.key(), 0, r.key().length, r.value(), 0, r.value().length);
                assertTrue(c.spills() >= 3, "spills and merges must be compressed too: " + c.spills() + " spills");
                c.finish(dir.resolve("c.data"), dir.resolve("c.index"));
            }
            assertEquals(List.of(), listFiles(compressed.tmpDir()), "run files left behind");
            MapOutputIndex index = MapOutputIndex.read(dir.resolve("c.index"));
            assertEquals(codec, index.codec());
            byte[] stored = Files.readAllBytes(dir.resolve("c.data"));
            assertEquals(index.totalBytes(), stored.length);
            for (int p = 0; p < partitions; p++) {
                byte[] want = expected.segmentBytes(p);
                assertEquals(want.length, index.rawLength(p), "raw length of partition " + p);
                assertEquals(expected.mapIndex().records(p), index.records(p));
                CRC32C crc = new CRC32C();
                crc.update(stored, (int) index.offset(p), (int) index.length(p));
                assertEquals((int) crc.getValue(), index.crc32c(p), "the CRC32C covers the bytes as stored");
                byte[] inflated = SegmentInflater.inflate(new ByteArrayInputStream(stored, (int) index.offset(p), (int) index.length(p)),
                        index.length(p), (int) index.rawLength(p), codec, index.crc32c(p), "partition " + p);
                assertArrayEquals(want, inflated, "partition " + p + " decompressed in memory");
                FileSegment f = index.segment(dir.resolve("c.data"), p);
                try (FileChannel ch = FileChannel.open(f.file(), StandardOpenOption.READ);
                     SegmentReader r = SegmentReader.ofFile(ch, f.offset(), f.length(), f.rawLength(), f.codec(), 64, "p" + p)) {
                    assertEquals(keys(expected.partitions().get(p)), keys(TestRecords.readAll(r, p)), "partition " + p + " read as a file range");
                }
            }
            plain.add(expected);
            packed.add(index);
            packedData.add(dir.resolve("c.data"));
        }
        for (int p = 0; p < partitions; p++) {
            List<Rec> want;
            ShuffleSettings reduce = ShuffleFixtures.settings(tmp.resolve("r-none"), partitions, 1 << 16, 2).withReduceMemoryBytes(1 << 20);
            try (ReduceMerger m = new ReduceMerger(reduce)) {
                for (Output o : plain) m.add(MemorySegment.of(o.segmentBytes(p)));
                want = TestRecords.readAll(m.finish(), p);
            }
            // a small budget and fan-in: in-memory segments spill to compressed runs, which merge again
            ShuffleSettings small = ShuffleFixtures.settings(tmp.resolve("r-" + codec.label()), partitions, 1 << 16, 2)
                    .withReduceMemoryBytes(3000).withCodec(codec);
            try (ReduceMerger m = new ReduceMerger(small)) {
                for (int map = 0; map < packed.size(); map++) {
                    MapOutputIndex index = packed.get(map);
                    FileSegment f = index.segment(packedData.get(map), p);
                    m.add(f);
                    byte[] stored = Files.readAllBytes(f.file());
                    m.add(MemorySegment.of(SegmentInflater.inflate(new ByteArrayInputStream(stored, (int) f.offset(), (int) f.length()),
                            f.length(), (int) f.rawLength(), codec, index.crc32c(p), "segment")));
                }
                List<Rec> got = TestRecords.readAll(m.finish(), p);
                List<Rec> doubled = new ArrayList<>();
                for (Output o : plain) {
                    doubled.addAll(o.partitions().get(p));
                    doubled.addAll(o.partitions().get(p));
                }
                assertEquals(sorted(keys(doubled)), sorted(keys(got)), "partition " + p + " merged from compressed files and memory");
                for (int i = 1; i < got.size(); i++) {
                    byte[] a = got.get(i - 1).key();
                    byte[] b = got.get(i).key();
                    assertTrue(Arrays.compareUnsigned(a, b) <= 0, "merged output out of order at record " + i);
                }
                assertEquals(want.size() * 2, got.size());
            }
        }
    }

    @Test
    void aRecordLargerThanABlockSpansBlocksAndComesBackWhole() throws Exception {
        for (ShuffleCodec codec : CODECS) {
            byte[] big = new byte[700_000];
            new Random(7).nextBytes(big);
            Arrays.fill(big, 100_000, 400_000, (byte) 'x');
            List<Rec> input = List.of(new Rec(0, "a".getBytes(StandardCharsets.UTF_8), big),
                    new Rec(0, "b".getBytes(StandardCharsets.UTF_8), "small".getBytes(StandardCharsets.UTF_8)),
                    new Rec(0, big, "key larger than a block".getBytes(StandardCharsets.UTF_8)));
            Path dir = Files.createDirectories(tmp.resolve("big-" + codec.label()));
            ShuffleSettings s = ShuffleFixtures.settings(dir, 1, 1 << 16, 2).withCodec(codec);
            MapOutputIndex index;
            try (MapOutputCollector c = new MapOutputCollector(s, null)) {
                for (Rec r : input) c.collect(0, r.key(), 0, r.key().length, r.value(), 0, r.value().length);
                index = c.finish(dir.resolve("d"), dir.resolve("i"));
            }
            assertTrue(index.length(0) < index.rawLength(0), "the run of x's compresses");
            FileSegment f = index.segment(dir.resolve("d"), 0);
            List<Rec> sorted = new ArrayList<>(input);
            sorted.sort(TestRecords.order(BytesComparator.INSTANCE));
            try (FileChannel ch = FileChannel.open(f.file(), StandardOpenOption.READ);
                 SegmentReader r = SegmentReader.ofFile(ch, f.offset(), f.length(), f.rawLength(), codec, 4096, "big")) {
                assertEquals(keys(sorted), keys(TestRecords.readAll(r, 0)));
            }
        }
    }

    @Test
    void incompressibleBlocksAreStoredAsTheyAre() throws Exception {
        for (ShuffleCodec codec : CODECS) {
            Random rnd = new Random(3);
            List<Rec> input = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                byte[] k = new byte[10];
                byte[] v = new byte[90];
                rnd.nextBytes(k);
                rnd.nextBytes(v);
                input.add(new Rec(0, k, v));
            }
            Path dir = Files.createDirectories(tmp.resolve("random-" + codec.label()));
            MapOutputIndex index;
            try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(dir, 1, 1 << 20, 2).withCodec(codec), null)) {
                for (Rec r : input) c.collect(0, r.key(), 0, r.key().length, r.value(), 0, r.value().length);
                index = c.finish(dir.resolve("d"), dir.resolve("i"));
            }
            long blocks = (index.rawLength(0) + (128 << 10) - 1) / (128 << 10);
            assertTrue(index.length(0) <= index.rawLength(0) + 8 * blocks,
                    "random bytes cost no more than a block header each: " + index.length(0) + " for " + index.rawLength(0));
        }
    }

    @Test
    void aDamagedBlockIsAChecksumMismatchAndAFileReaderCallsItCorrupt() throws Exception {
        for (ShuffleCodec codec : CODECS) {
            Path dir = Files.createDirectories(tmp.resolve("damage-" + codec.label()));
            List<Rec> input = records(new Random(11), 1, 4000);
            MapOutputIndex index;
            try (MapOutputCollector c = new MapOutputCollector(ShuffleFixtures.settings(dir, 1, 1 << 20, 2).withCodec(codec), null)) {
                for (Rec r : input) c.collect(0, r.key(), 0, r.key().length, r.value(), 0, r.value().length);
                index = c.finish(dir.resolve("d"), dir.resolve("i"));
            }
            byte[] good = Files.readAllBytes(dir.resolve("d"));
            // a block header, the first payload byte, the middle, the last byte
            for (int at : new int[] {1, 9, good.length / 2, good.length - 1}) {
                byte[] bad = good.clone();
                bad[at] ^= 0x5A;
                ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class, () -> SegmentInflater.inflate(
                        new ByteArrayInputStream(bad), bad.length, (int) index.rawLength(0), codec, index.crc32c(0),
                        "partition 0 of map_7"), "byte " + at);
                assertTrue(e.getMessage().contains("checksum mismatch in partition 0 of map_7"), e.getMessage());
            }
            byte[] bad = good.clone();
            bad[1] = 0x7F; // the first block now claims far more raw bytes than any block holds
            Files.write(dir.resolve("bad"), bad);
            try (FileChannel ch = FileChannel.open(dir.resolve("bad"), StandardOpenOption.READ);
                 SegmentReader r = SegmentReader.ofFile(ch, 0, bad.length, index.rawLength(0), codec, 4096, "bad [0, +" + bad.length + ")")) {
                IOException e = assertThrows(IOException.class, r::next);
                assertTrue(e.getMessage().startsWith("corrupt segment bad [0, +"), e.getMessage());
            }
        }
    }

    /** Random records with some repeated text in their values, so that they compress as map output does. */
    private static List<Rec> records(Random rnd, int partitions, int n) {
        TestRecords.Generator gen = new TestRecords.Generator(rnd, partitions);
        String[] words = {"the", "map", "reduce", "shuffle", "block", "segment", "partition"};
        List<Rec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Rec r = gen.next();
            if (rnd.nextBoolean()) {
                String v = words[rnd.nextInt(words.length)] + " " + words[rnd.nextInt(words.length)] + " " + i;
                r = new Rec(r.partition(), r.key(), v.getBytes(StandardCharsets.UTF_8));
            }
            out.add(r);
        }
        return out;
    }

    private static List<String> keys(List<Rec> records) {
        List<String> out = new ArrayList<>();
        for (Rec r : records) out.add(Arrays.toString(r.key()) + "=" + Arrays.toString(r.value()));
        return out;
    }

    private static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        c.sort(null);
        return c;
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
