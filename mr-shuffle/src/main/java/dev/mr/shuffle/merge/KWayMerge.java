package dev.mr.shuffle.merge;

import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.io.KeyPrefix;
import java.io.IOException;
import java.util.Arrays;

/**
 * Merges sorted record streams into one sorted stream: a binary heap of input numbers ordered
 * by each input's current key, with ties going to the lower input number (so merging runs in
 * the order they were produced keeps equal keys in that order). With a bytewise comparator each
 * input's first 16 key bytes are cached as two longs, so most comparisons are one unsigned long
 * comparison, and equal keys of up to 16 bytes (a key held by many inputs at once, as after a
 * combiner) compare without touching their bytes.
 * The current record is the top input's; nothing is copied or allocated per record.
 *
 * <p>Closing closes every input. Confined to one thread.
 */
public final class KWayMerge implements MergedRecords {

    private final MergedRecords[] inputs;
    private final RawComparator comparator;
    private final boolean bytewise;
    private final int[] heap;
    private final long[] prefix;
    private final long[] prefix2;
    private int size;
    private boolean started;
    private MergedRecords top;

    public KWayMerge(MergedRecords[] inputs, RawComparator comparator, boolean bytewise) {
        this.inputs = inputs.clone();
        this.comparator = comparator;
        this.bytewise = bytewise;
        this.heap = new int[inputs.length];
        this.prefix = new long[inputs.length];
        this.prefix2 = new long[inputs.length];
    }

    @Override
    public boolean next() throws IOException {
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i].next()) {
                    cachePrefix(i);
                    heap[size++] = i;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
        } else if (size > 0) {
            int t = heap[0];
            if (inputs[t].next()) {
                cachePrefix(t);
            } else {
                heap[0] = heap[--size];
            }
            if (size > 1) siftDown(0);
        }
        if (size == 0) {
            top = null;
            return false;
        }
        top = inputs[heap[0]];
        return true;
    }

    private void cachePrefix(int i) {
        if (bytewise) {
            MergedRecords in = inputs[i];
            byte[] b = in.keyBuffer();
            int off = in.keyOffset();
            int len = in.keyLength();
            prefix[i] = KeyPrefix.of(b, off, len);
            prefix2[i] = len > 8 ? KeyPrefix.of(b, off + 8, len - 8) : 0;
        }
    }

    private void siftDown(int i) {
        int[] h = heap;
        int x = h[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && less(h[r], h[c])) c = r;
            if (!less(h[c], x)) break;
            h[i] = h[c];
            i = c;
        }
        h[i] = x;
    }

    private boolean less(int a, int b) {
        MergedRecords x = inputs[a];
        MergedRecords y = inputs[b];
        int c;
        if (bytewise) {
            long pa = prefix[a];
            long pb = prefix[b];
            if (pa != pb) return Long.compareUnsigned(pa, pb) < 0;
            int la = x.keyLength();
            int lb = y.keyLength();
            c = KeyPrefix.compareLengthsOnTie(la, lb);
            if (c == 0 && la > 8) { // both longer than 8: the same again for bytes 8 to 16
                long qa = prefix2[a];
                long qb = prefix2[b];
                if (qa != qb) return Long.compareUnsigned(qa, qb) < 0;
                c = KeyPrefix.compareLengthsOnTie(la - 8, lb - 8);
                if (c == 0 && la > 16) {
                    int xo = x.keyOffset();
                    int yo = y.keyOffset();
                    c = Arrays.compareUnsigned(x.keyBuffer(), xo + 16, xo + la, y.keyBuffer(), yo + 16, yo + lb);
                }
            }
        } else {
            c = comparator.compare(x.keyBuffer(), x.keyOffset(), x.keyLength(), y.keyBuffer(), y.keyOffset(), y.keyLength());
        }
        return c != 0 ? c < 0 : a < b;
    }

    @Override
    public byte[] keyBuffer() {
        return top.keyBuffer();
    }

    @Override
    public int keyOffset() {
        return top.keyOffset();
    }

    @Override
    public int keyLength() {
        return top.keyLength();
    }

    @Override
    public byte[] valueBuffer() {
        return top.valueBuffer();
    }

    @Override
    public int valueOffset() {
        return top.valueOffset();
    }

    @Override
    public int valueLength() {
        return top.valueLength();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (MergedRecords in : inputs) {
            try {
                in.close();
            } catch (IOException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
