package dev.mr.api;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.RawComparator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The serialized keys that split a job's key range among its reducers: reducer {@code i}
 * gets the keys {@code k} with {@code cut[i-1] <= k < cut[i]} in the job's sort order. Cuts are
 * in non-decreasing order; a repeated cut leaves the reducers between its copies empty, which
 * is how a sample with fewer distinct keys than reducers still yields one cut per reducer
 * boundary. Pure: no I/O; immutable once built.
 */
final class CutPoints {

    private final byte[][] cuts;
    private final RawComparator order;

    CutPoints(List<byte[]> cuts, RawComparator order) {
        this.cuts = cuts.toArray(new byte[0][]);
        this.order = order;
    }

    /** The index of the first cut out of order, or -1 when every cut is at least the one before. */
    int firstOutOfOrder() {
        for (int i = 1; i < cuts.length; i++) {
            if (order.compare(cuts[i - 1], 0, cuts[i - 1].length, cuts[i], 0, cuts[i].length) > 0) return i;
        }
        return -1;
    }

    /** The number of cuts at or below the key encoded at {@code key[off, off+len)}: its partition. */
    int partition(byte[] key, int off, int len) {
        int lo = 0, hi = cuts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[] cut = cuts[mid];
            if (order.compare(key, off, len, cut, 0, cut.length) < 0) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /**
     * {@code reducers - 1} cuts from a sample sorted in the job's order (none from an empty
     * sample). Cut {@code i} aims at rank {@code i * n / reducers}; when the key there repeats,
     * the cut goes to whichever end of its run is nearer (all its copies go to one reducer, as
     * they must), past the previous cut, so a popular key takes neither several reducers' ranges
     * (Hadoop moves a cut past the one before it only) nor leaves the first reducer nothing but
     * keys below the whole sample. Once the sample has no key past the previous cut, the last cut repeats.
     */
    static List<byte[]> choose(List<byte[]> sorted, int reducers, RawComparator order) {
        List<byte[]> cuts = new ArrayList<>();
        int n = sorted.size();
        if (n == 0) return cuts;
        int[] runStart = new int[n];
        int[] runEnd = new int[n];
        for (int k = 1; k < n; k++) runStart[k] = equal(order, sorted.get(k - 1), sorted.get(k)) ? runStart[k - 1] : k;
        runEnd[n - 1] = n;
        for (int k = n - 2; k >= 0; k--) runEnd[k] = runStart[k + 1] == runStart[k] ? runEnd[k + 1] : k + 1;
        int last = -1;
        for (int i = 1; i < reducers; i++) {
            int target = Math.max((int) ((long) i * n / reducers), last + 1);
            int k = last;
            if (target < n) {
                int lo = runStart[target], hi = runEnd[target];
                boolean before = lo > last && lo > 0, after = hi < n; // a cut at rank 0 would leave the first reducer nothing
                if (before && after) k = target - lo <= hi - target ? lo : hi;
                else if (before) k = lo;
                else if (after) k = hi;
                else if (last < 0) k = lo;
            }
            cuts.add(sorted.get(k));
            last = k;
        }
        return cuts;
    }

    private static boolean equal(RawComparator order, byte[] a, byte[] b) {
        return order.compare(a, 0, a.length, b, 0, b.length) == 0;
    }

    /** The number of distinct cuts, for telling how many reducers get a range of their own. */
    static int distinct(List<byte[]> cuts, RawComparator order) {
        int d = 0;
        for (int i = 0; i < cuts.size(); i++) if (i == 0 || !equal(order, cuts.get(i - 1), cuts.get(i))) d++;
        return d;
    }

    /** One base64 string: the number of cuts, then each cut's length and bytes (varints), so an empty key is a cut like any other. */
    static String encode(List<byte[]> cuts) {
        ByteBuilder out = new ByteBuilder();
        out.writeVarInt(cuts.size());
        for (byte[] c : cuts) {
            out.writeVarInt(c.length);
            out.write(c);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** Reverses {@link #encode}; throws {@link IllegalArgumentException} on anything else. */
    static List<byte[]> decode(String encoded) {
        byte[] b = Base64.getDecoder().decode(encoded.trim());
        int[] pos = {0};
        int count = readVarInt(b, pos);
        List<byte[]> cuts = new ArrayList<>(Math.min(count, b.length));
        for (int i = 0; i < count; i++) {
            int len = readVarInt(b, pos);
            if (len > b.length - pos[0]) throw new IllegalArgumentException("cut point " + i + " runs past the end");
            byte[] cut = new byte[len];
            System.arraycopy(b, pos[0], cut, 0, len);
            pos[0] += len;
            cuts.add(cut);
        }
        if (pos[0] != b.length) throw new IllegalArgumentException((b.length - pos[0]) + " bytes after the last cut point");
        return cuts;
    }

    private static int readVarInt(byte[] b, int[] pos) {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos[0] >= b.length) throw new IllegalArgumentException("truncated");
            int x = b[pos[0]++] & 0xFF;
            v |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (v < 0) throw new IllegalArgumentException("negative length");
                return v;
            }
        }
        throw new IllegalArgumentException("bad length");
    }
}
