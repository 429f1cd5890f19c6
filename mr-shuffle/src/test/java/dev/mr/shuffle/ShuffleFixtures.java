package dev.mr.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.TestRecords.Rec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Shared set-up of the shuffle tests: settings, combiners, and running a collector to its files. */
final class ShuffleFixtures {

    private ShuffleFixtures() {}

    static ShuffleSettings settings(Path tmp, int partitions, int bufferBytes, int sortFactor) {
        return settings(tmp, partitions, bufferBytes, sortFactor, BytesComparator.INSTANCE);
    }

    static ShuffleSettings settings(Path tmp, int partitions, int bufferBytes, int sortFactor, RawComparator cmp) {
        return new ShuffleSettings(partitions, bufferBytes, 0.8, sortFactor, 1 << 20, cmp, tmp.resolve("work"));
    }

    /** Sums values that are 8-byte big-endian longs: the combiner the tests check against a HashMap. */
    static final CombineFunction LONG_SUM = (key, keyOff, keyLen, values, out) -> {
        long sum = 0;
        while (values.next()) sum += ByteBuffer.wrap(values.buffer(), values.offset(), 8).getLong();
        byte[] v = ByteBuffer.allocate(8).putLong(sum).array();
        out.write(key, keyOff, keyLen, v, 0, 8);
    };

    static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long longOf(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }

    /** The map output of a collector, read back with the tests' own decoder after checking index and CRCs. */
    record Output(Path data, Path index, MapOutputIndex mapIndex, byte[] bytes, List<List<Rec>> partitions) {

        byte[] segmentBytes(int p) {
            int off = (int) mapIndex.offset(p);
            return java.util.Arrays.copyOfRange(bytes, off, off + (int) mapIndex.length(p));
        }
    }

    static Output collect(MapOutputCollector c, List<Rec> input, Path dir, String name) throws IOException {
        for (Rec r : input) c.collect(r.partition(), r.key(), 0, r.key().length, r.value(), 0, r.value().length);
        Path data = dir.resolve(name + ".data");
        Path index = dir.resolve(name + ".index");
        MapOutputIndex returned = c.finish(data, index);
        return read(data, index, returned);
    }

    static Output read(Path data, Path index, MapOutputIndex returned) throws IOException {
        MapOutputIndex idx = MapOutputIndex.read(index);
        byte[] bytes = Files.readAllBytes(data);
        assertEquals(idx.totalBytes(), bytes.length, "data file size");
        List<List<Rec>> parts = new ArrayList<>();
        for (int p = 0; p < idx.partitions(); p++) {
            assertEquals(returned.offset(p), idx.offset(p));
            assertEquals(returned.length(p), idx.length(p));
            assertEquals(returned.records(p), idx.records(p));
            CRC32C crc = new CRC32C();
            crc.update(bytes, (int) idx.offset(p), (int) idx.length(p));
            assertEquals((int) crc.getValue(), idx.crc32c(p), "crc of partition " + p);
            List<Rec> recs = TestRecords.decode(p, bytes, (int) idx.offset(p), (int) idx.length(p));
            assertEquals(idx.records(p), recs.size(), "record count of partition " + p);
            parts.add(recs);
        }
        return new Output(data, index, idx, bytes, parts);
    }
}
