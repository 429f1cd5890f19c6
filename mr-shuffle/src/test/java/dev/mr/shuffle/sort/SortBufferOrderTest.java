package dev.mr.shuffle.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.MergedRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-memory sort is a radix sort that reloads key bytes 8 at a time and orders keys that end
 * early by length, with a comparison sort for small ranges: each of those paths has its own way
 * to get the order wrong. Large buffers full of keys built to share long prefixes, end in zero
 * bytes, differ only in length or only past byte 250, checked against a stable sort.
 */
class SortBufferOrderTest {

    record Rec(int partition, byte[] key, int seq) {}

    @Test
    void radixSortMatchesAStableSortOnAdversarialKeys() {
        for (long seed = 1; seed <= 6; seed++) {
            try {
                check(seed, BytesComparator.INSTANCE, true);
            } catch (Throwable t) {
                throw new AssertionError("failed with seed " + seed + ": " + t.getMessage(), t);
            }
        }
    }

    @Test
    void comparatorSortMatchesAStableSortToo() {
        RawComparator reverse = (a, ao, al, b, bo, bl) -> Arrays.compareUnsigned(b, bo, bo + bl, a, ao, ao + al);
        check(99, reverse, false);
    }

    private static void check(long seed, RawComparator cmp, boolean bytewise) {
        Random rnd = new Random(seed);
        int partitions = 1 + rnd.nextInt(3);
        byte[] shared = new byte[300];
        rnd.nextBytes(shared);
        List<Rec> recs = new ArrayList<>();
        int n = 20_000 + rnd.nextInt(20_000);
        for (int i = 0; i < n; i++) {
            byte[] k;
            switch (rnd.nextInt(7)) {
                case 0 -> k = new byte[rnd.nextInt(20)]; // zeros of every length: equal chunks, lengths decide
                case 1 -> {
                    k = Arrays.copyOf(shared, 1 + rnd.nextInt(40));
                    if (rnd.nextBoolean()) k[k.length - 1] = (byte) rnd.nextInt(3);
                }
                case 2 -> {
                    k = Arrays.copyOf(shared, 240 + rnd.nextInt(60)); // past the saturated length of 255
                    k[k.length - 1 - rnd.nextInt(5)] ^= (byte) rnd.nextInt(2);
                }
                case 3 -> {
                    k = new byte[1 + rnd.nextInt(30)];
                    rnd.nextBytes(k);
                }
                case 4 -> k = recs.isEmpty() ? new byte[0] : recs.get(rnd.nextInt(recs.size())).key();
                case 5 -> {
                    k = Arrays.copyOf(shared, 16 + rnd.nextInt(3));
                    k[8 + rnd.nextInt(8)] = 0;
                }
                default -> {
                    k = new byte[8 + rnd.nextInt(3)];
                    k[rnd.nextInt(k.length)] = (byte) (0xFF - rnd.nextInt(2));
                }
            }
            recs.add(new Rec(rnd.nextInt(partitions), k, i));
        }
        SortBuffer buffer = new SortBuffer(partitions, 64 << 20, 64 << 20, cmp, bytewise);
        byte[] value = new byte[4];
        for (Rec r : recs) {
            value[0] = (byte) (r.seq >>> 24);
            value[1] = (byte) (r.seq >>> 16);
            value[2] = (byte) (r.seq >>> 8);
            value[3] = (byte) r.seq;
            assertTrue(buffer.add(r.partition, r.key, 0, r.key.length, value, 0, 4));
        }
        buffer.sort();
        List<Rec> expected = new ArrayList<>(recs);
        expected.sort(Comparator.comparingInt(Rec::partition)
                .thenComparing((x, y) -> cmp.compare(x.key, 0, x.key.length, y.key, 0, y.key.length)));
        int i = 0;
        for (int p = 0; p < partitions; p++) {
            MergedRecords in = buffer.partition(p);
            try {
                while (in.next()) {
                    Rec want = expected.get(i);
                    assertEquals(want.partition, p, "partition at " + i);
                    assertArrayEquals(want.key, Arrays.copyOfRange(in.keyBuffer(), in.keyOffset(),
                            in.keyOffset() + in.keyLength()), "key at " + i);
                    byte[] v = in.valueBuffer();
                    int o = in.valueOffset();
                    int seq = ((v[o] & 0xFF) << 24) | ((v[o + 1] & 0xFF) << 16) | ((v[o + 2] & 0xFF) << 8) | (v[o + 3] & 0xFF);
                    assertEquals(want.seq, seq, "arrival order of equal keys at " + i);
                    i++;
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(recs.size(), i);
    }
}
