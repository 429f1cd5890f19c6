package dev.mr.shuffle.merge;

import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.io.KeyPrefix;
import java.io.IOException;
import java.util.Arrays;

/**
 * Merges sorted record streams into one sorted stream with a tree of losers (Knuth's
 * tournament): each internal node holds the input that lost the match there, the root the
 * overall winner, so replacing the winner's record replays only the matches on its path to the
 * root, one comparison per level, where a binary heap needs two. Ties go to the lower input
 * number (so merging runs in the order they were produced keeps equal keys in that order). With
 * a bytewise comparator each input's first 16 key bytes are cached as two longs, and its key
 * length beside them, so most comparisons are one unsigned long comparison, and equal keys of up
 * to 16 bytes (a key held by many inputs at once, as after a combiner) compare without touching
 * their bytes. The current record is the winner's; nothing is copied or allocated per record.
 *
 * <p>Closing closes every input. Confined to one thread.
 */
public final class KWayMerge implements MergedRecords {

    private final MergedRecords[] inputs;
    private final RawComparator comparator;
    private final boolean bytewise;
    /** [0]: the winner; [1, k): the loser of the match at that node. Input i plays from leaf k + i; node n's parent is n / 2. */
    private final int[] losers;
    private final boolean[] exhausted;
    private final long[] prefix;
    private final long[] prefix2;
    private final int[] keyLength;
    private boolean started;
    private MergedRecords top;

    public KWayMerge(MergedRecords[] inputs, RawComparator comparator, boolean bytewise) {
        this.inputs = inputs.clone();
        this.comparator = comparator;
        this.bytewise = bytewise;
        int k = inputs.length;
        this.losers = new int[Math.max(1, k)];
        this.exhausted = new boolean[k];
        this.prefix = new long[k];
        this.prefix2 = new long[k];
        this.keyLength = new int[k];
    }

    @Override
    public boolean next() throws IOException {
        int k = inputs.length;
        if (k == 0) return false;
        if (!started) {
            started = true;
            for (int i = 0; i < k; i++) advance(i);
            losers[0] = k == 1 ? 0 : play(1);
        } else {
            int w = losers[0];
            if (exhausted[w]) return false;
            advance(w);
            for (int n = (w + k) >>> 1; n > 0; n >>>= 1) {
                int l = losers[n];
                if (less(l, w)) {
                    losers[n] = w;
                    w = l;
                }
            }
            losers[0] = w;
        }
        int w = losers[0];
        if (exhausted[w]) {
            top = null;
            return false;
        }
        top = inputs[w];
        return true;
    }

    /** Plays the matches of the subtree at node {@code n}, recording their losers; returns its winner. */
    private int play(int n) {
        int k = inputs.length;
        int a = 2 * n < k ? play(2 * n) : 2 * n - k;
        int b = 2 * n + 1 < k ? play(2 * n + 1) : 2 * n + 1 - k;
        if (less(b, a)) {
            losers[n] = a;
            return b;
        }
        losers[n] = b;
        return a;
    }

    private void advance(int i) throws IOException {
        MergedRecords in = inputs[i];
        if (!in.next()) {
            exhausted[i] = true;
            return;
        }
        int len = in.keyLength();
        keyLength[i] = len;
        if (bytewise) {
            byte[] b = in.keyBuffer();
            int off = in.keyOffset();
            prefix[i] = KeyPrefix.of(b, off, len);
            prefix2[i] = len > 8 ? KeyPrefix.of(b, off + 8, len - 8) : 0;
        }
    }

    /** Whether input {@code a}'s record comes before {@code b}'s; an exhausted input comes after every other. */
    private boolean less(int a, int b) {
        if (exhausted[a] || exhausted[b]) return exhausted[a] == exhausted[b] ? a < b : exhausted[b];
        MergedRecords x = inputs[a];
        MergedRecords y = inputs[b];
        int c;
        if (bytewise) {
            long pa = prefix[a];
            long pb = prefix[b];
            if (pa != pb) return Long.compareUnsigned(pa, pb) < 0;
            int la = keyLength[a];
            int lb = keyLength[b];
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
            c = comparator.compare(x.keyBuffer(), x.keyOffset(), keyLength[a], y.keyBuffer(), y.keyOffset(), keyLength[b]);
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
        return keyLength[losers[0]];
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
