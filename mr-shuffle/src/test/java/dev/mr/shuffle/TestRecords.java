package dev.mr.shuffle;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.RawComparator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The tests' independent model of the record format: records as plain objects, encoded and
 * decoded with the simplest code that follows the documented format, and random generators
 * that produce the awkward cases (empty keys and values, duplicates, long keys sharing an
 * 8-byte prefix).
 */
final class TestRecords {

    private TestRecords() {}

    record Rec(int partition, byte[] key, byte[] value) {}

    static Comparator<Rec> order(RawComparator cmp) {
        return (a, b) -> {
            if (a.partition != b.partition) return Integer.compare(a.partition, b.partition);
            return cmp.compare(a.key, 0, a.key.length, b.key, 0, b.key.length);
        };
    }

    static byte[] encode(List<Rec> records) {
        ByteBuilder out = new ByteBuilder();
        for (Rec r : records) {
            out.writeVarInt(r.key.length);
            out.writeVarInt(r.value.length);
            out.write(r.key);
            out.write(r.value);
        }
        return out.toByteArray();
    }

    static List<Rec> decode(int partition, byte[] b, int off, int len) {
        List<Rec> out = new ArrayList<>();
        int[] pos = {off};
        int end = off + len;
        while (pos[0] < end) {
            int kl = varint(b, pos);
            int vl = varint(b, pos);
            byte[] k = Arrays.copyOfRange(b, pos[0], pos[0] + kl);
            pos[0] += kl;
            byte[] v = Arrays.copyOfRange(b, pos[0], pos[0] + vl);
            pos[0] += vl;
            out.add(new Rec(partition, k, v));
        }
        if (pos[0] != end) throw new AssertionError("segment overran its length");
        return out;
    }

    private static int varint(byte[] b, int[] pos) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos[0]++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) return v;
        }
    }

    static List<Rec> readAll(MergedRecords in, int partition) throws IOException {
        List<Rec> out = new ArrayList<>();
        while (in.next()) {
            out.add(new Rec(partition,
                    Arrays.copyOfRange(in.keyBuffer(), in.keyOffset(), in.keyOffset() + in.keyLength()),
                    Arrays.copyOfRange(in.valueBuffer(), in.valueOffset(), in.valueOffset() + in.valueLength())));
        }
        return out;
    }

    /** Random records built to hit every special case of the sort index and the format. */
    static final class Generator {

        private final Random rnd;
        private final int partitions;
        private final List<byte[]> seen = new ArrayList<>();
        private final byte[][] prefixes;

        Generator(Random rnd, int partitions) {
            this.rnd = rnd;
            this.partitions = partitions;
            // 8 and 16 bytes: the lengths of the key prefixes that the sort and the merge compare as longs
            this.prefixes = new byte[5][];
            for (int i = 0; i < prefixes.length; i++) prefixes[i] = bytes(i < 3 ? 8 : 16);
        }

        byte[] key() {
            int kind = rnd.nextInt(10);
            byte[] k;
            if (kind < 3 && !seen.isEmpty()) {
                return seen.get(rnd.nextInt(seen.size()));
            } else if (kind < 5) {
                k = bytes(rnd.nextInt(9));
            } else if (kind < 7) {
                byte[] p = prefixes[rnd.nextInt(prefixes.length)];
                k = Arrays.copyOf(p, p.length + rnd.nextInt(6));
                for (int i = p.length; i < k.length; i++) k[i] = (byte) rnd.nextInt(3);
            } else if (kind < 8) {
                // a key that is a zero-padded extension of a short one: equal prefixes, different lengths
                k = new byte[rnd.nextInt(12)];
                if (k.length > 0) k[0] = (byte) rnd.nextInt(2);
            } else {
                k = bytes(rnd.nextInt(30));
            }
            if (seen.size() < 200) seen.add(k);
            return k;
        }

        byte[] value() {
            int kind = rnd.nextInt(20);
            if (kind == 0) return new byte[0];
            if (kind == 1) return bytes(200 + rnd.nextInt(200));
            return bytes(rnd.nextInt(24));
        }

        Rec next() {
            return new Rec(rnd.nextInt(partitions), key(), value());
        }

        private byte[] bytes(int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) (rnd.nextInt(4) == 0 ? 0xFF - rnd.nextInt(3) : rnd.nextInt(256));
            return b;
        }
    }
}
