package dev.mr.shuffle.sort;

/**
 * Sorts a sort index in place: pairs of longs {@code (chunk, entry)} where {@code chunk} starts
 * as the key's {@link dev.mr.shuffle.io.KeyPrefix} (0 when the comparator is not bytewise) and
 * {@code entry} packs, from the high bits down, the partition (24 bits), the key length
 * saturated at 255 (8 bits) and a 32-bit reference to the record (its offset, or a table slot).
 *
 * <p>Order: partition, then key, then reference. References grow in arrival order, so the sort
 * is stable, and no two entries are equal.
 *
 * <p>With a bytewise comparator: an MSD radix sort, first on the partition, then byte by byte
 * on the 8-byte chunk (skipping bytes that a whole range shares). When a range shares its whole
 * chunk, the next 8 key bytes of each of its keys are loaded into the chunk slot (one pass,
 * {@link #keyChunk}) and the sort goes on one chunk deeper; keys that end within the chunks
 * seen are ordered by length. Ranges of up to {@value #SMALL} entries are finished by
 * comparison. So record bytes are read once per 8 bytes of shared key, never per comparison.
 * After sorting, the chunk slots hold no meaning.
 *
 * <p>With another comparator: an introsort (median-of-three quicksort, insertion sort for short
 * ranges, heapsort when the recursion runs too deep) calling {@link #compareKeys}.
 *
 * <p>Confined to one thread.
 */
public abstract class IndexSorter {

    private static final int INSERTION_MAX = 12;
    private static final int SMALL = 48;
    /** Chunks are reloaded while the bytes seen stay below the saturated key length of 255. */
    private static final int MAX_DEPTH = 30;

    private final boolean bytewise;
    private int depth;
    private int[][] counts = new int[16][];

    protected IndexSorter(boolean bytewise) {
        this.bytewise = bytewise;
    }

    public static long entry(int partition, int keyLength, int ref) {
        return ((long) partition << 40) | ((long) Math.min(keyLength, 255) << 32) | (ref & 0xFFFFFFFFL);
    }

    public static int partition(long entry) {
        return (int) (entry >>> 40);
    }

    public static int ref(long entry) {
        return (int) entry;
    }

    private static int keyLength(long entry) {
        return (int) (entry >>> 32) & 0xFF;
    }

    /** Compares the keys of two records by the sort comparator. */
    protected abstract int compareKeys(int refA, int refB);

    /** Key bytes {@code [from, from + 8)} of a record as a big-endian long, zero-padded; {@code from} is below its length. */
    protected abstract long keyChunk(int ref, int from);

    /** Sorts the first {@code n} pairs of {@code a}. */
    public final void sort(long[] a, int n) {
        sort(a, 0, n);
    }

    /** Sorts the {@code n} pairs of {@code a} that start at pair {@code from} (at {@code a[2 * from]}). */
    public final void sort(long[] a, int from, int n) {
        depth = 0;
        if (n < 2) return;
        if (!bytewise || n <= SMALL) {
            quicksort(a, from, from + n - 1, 2 * (32 - Integer.numberOfLeadingZeros(n)));
            return;
        }
        int maxPartition = 0;
        for (int i = from; i < from + n; i++) maxPartition = Math.max(maxPartition, partition(a[2 * i + 1]));
        if (maxPartition == 0) {
            radix(a, from, from + n, 0, 0);
            return;
        }
        int[] start = new int[maxPartition + 2];
        for (int i = from; i < from + n; i++) start[partition(a[2 * i + 1]) + 1]++;
        start[0] = from;
        for (int p = 1; p <= maxPartition + 1; p++) start[p] += start[p - 1];
        int[] next = java.util.Arrays.copyOf(start, maxPartition + 1);
        for (int p = 0; p <= maxPartition; p++) {
            int end = start[p + 1];
            while (next[p] < end) {
                int i = next[p];
                long c = a[2 * i];
                long e = a[2 * i + 1];
                int d = partition(e);
                while (d != p) {
                    int j = next[d]++;
                    long tc = a[2 * j];
                    long te = a[2 * j + 1];
                    a[2 * j] = c;
                    a[2 * j + 1] = e;
                    c = tc;
                    e = te;
                    d = partition(e);
                }
                a[2 * i] = c;
                a[2 * i + 1] = e;
                next[p]++;
            }
            if (end - start[p] > 1) radix(a, start[p], end, 0, 0);
        }
    }

    /** Sorts [lo, hi), whose entries share partition, chunks before {@code chunkDepth} and bytes before {@code level} of this one. */
    private void radix(long[] a, int lo, int hi, int chunkDepth, int level) {
        while (true) {
            if (hi - lo <= SMALL) {
                comparisonSort(a, lo, hi, chunkDepth);
                return;
            }
            long first = a[2 * lo];
            long diff = 0;
            for (int i = lo + 1; i < hi; i++) diff |= a[2 * i] ^ first;
            if (diff == 0) {
                if (!reload(a, lo, hi, chunkDepth)) {
                    comparisonSort(a, lo, hi, chunkDepth);
                    return;
                }
                chunkDepth++;
                continue;
            }
            int digitByte = Long.numberOfLeadingZeros(diff) >>> 3;
            int shift = 56 - 8 * digitByte;
            int stack = chunkDepth * 8 + digitByte;
            if (stack >= counts.length) counts = java.util.Arrays.copyOf(counts, Math.max(stack + 1, 2 * counts.length));
            int[] c = counts[stack];
            if (c == null) c = counts[stack] = new int[2 * 257];
            java.util.Arrays.fill(c, 0);
            for (int i = lo; i < hi; i++) c[(int) (a[2 * i] >>> shift) & 0xFF]++;
            // c[257 + b] = next free position of bucket b; c[b] becomes its start
            int pos = lo;
            for (int b = 0; b < 256; b++) {
                int n = c[b];
                c[b] = pos;
                c[257 + b] = pos;
                pos += n;
            }
            c[256] = hi;
            for (int b = 0; b < 256; b++) {
                int end = c[b + 1];
                while (c[257 + b] < end) {
                    int i = c[257 + b];
                    long k = a[2 * i];
                    long e = a[2 * i + 1];
                    int d = (int) (k >>> shift) & 0xFF;
                    while (d != b) {
                        int j = c[257 + d]++;
                        long tk = a[2 * j];
                        long te = a[2 * j + 1];
                        a[2 * j] = k;
                        a[2 * j + 1] = e;
                        k = tk;
                        e = te;
                        d = (int) (k >>> shift) & 0xFF;
                    }
                    a[2 * i] = k;
                    a[2 * i + 1] = e;
                    c[257 + b]++;
                }
            }
            for (int b = 0; b < 256; b++) {
                int s = c[b];
                int e = c[b + 1];
                if (e - s > 1) radix(a, s, e, chunkDepth, digitByte + 1);
            }
            return;
        }
    }

    /**
     * Loads chunk {@code chunkDepth + 1} of every key in [lo, hi) that is longer than the chunks
     * seen so far (0 for the others). False when there is nothing left to load.
     */
    private boolean reload(long[] a, int lo, int hi, int chunkDepth) {
        if (chunkDepth >= MAX_DEPTH) return false;
        int seen = 8 * (chunkDepth + 1);
        boolean any = false;
        for (int i = lo; i < hi; i++) {
            long e = a[2 * i + 1];
            if (keyLength(e) > seen) {
                a[2 * i] = keyChunk(ref(e), seen);
                any = true;
            } else {
                a[2 * i] = 0;
            }
        }
        return any;
    }

    private void comparisonSort(long[] a, int lo, int hi, int chunkDepth) {
        depth = chunkDepth;
        quicksort(a, lo, hi - 1, 2 * (32 - Integer.numberOfLeadingZeros(hi - lo)));
        depth = 0;
    }

    /** The order, for entries that share the chunks before the current {@code depth}. */
    final int compare(long chunkA, long entryA, long chunkB, long entryB) {
        if (entryA == entryB) return 0; // the pivot meets itself: do not read its key
        long pa = entryA >>> 40;
        long pb = entryB >>> 40;
        if (pa != pb) return pa < pb ? -1 : 1;
        if (bytewise) {
            if (chunkA != chunkB) return Long.compareUnsigned(chunkA, chunkB);
            int la = keyLength(entryA);
            int lb = keyLength(entryB);
            int seen = 8 * (depth + 1);
            if (la <= seen || lb <= seen) {
                // a key that ends within the bytes seen is a prefix of the other, or equal to it
                if (la != lb) return la < lb ? -1 : 1;
            } else {
                int c = compareKeys((int) entryA, (int) entryB);
                if (c != 0) return c;
            }
        } else {
            int c = compareKeys((int) entryA, (int) entryB);
            if (c != 0) return c;
        }
        return Integer.compareUnsigned((int) entryA, (int) entryB);
    }

    private int cmp(long[] a, int i, int j) {
        return compare(a[2 * i], a[2 * i + 1], a[2 * j], a[2 * j + 1]);
    }

    private static void swap(long[] a, int i, int j) {
        int x = 2 * i;
        int y = 2 * j;
        long t0 = a[x];
        long t1 = a[x + 1];
        a[x] = a[y];
        a[x + 1] = a[y + 1];
        a[y] = t0;
        a[y + 1] = t1;
    }

    private void quicksort(long[] a, int lo, int hi, int budget) {
        while (hi - lo > INSERTION_MAX) {
            if (budget-- == 0) {
                heapsort(a, lo, hi);
                return;
            }
            int mid = (lo + hi) >>> 1;
            if (cmp(a, mid, lo) < 0) swap(a, mid, lo);
            if (cmp(a, hi, lo) < 0) swap(a, hi, lo);
            if (cmp(a, hi, mid) < 0) swap(a, hi, mid);
            long pp = a[2 * mid];
            long pe = a[2 * mid + 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (compare(a[2 * i], a[2 * i + 1], pp, pe) < 0) i++;
                while (compare(a[2 * j], a[2 * j + 1], pp, pe) > 0) j--;
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                quicksort(a, lo, j, budget);
                lo = i;
            } else {
                quicksort(a, i, hi, budget);
                hi = j;
            }
        }
        insertionSort(a, lo, hi);
    }

    private void insertionSort(long[] a, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            long p = a[2 * i];
            long e = a[2 * i + 1];
            int j = i - 1;
            while (j >= lo && compare(a[2 * j], a[2 * j + 1], p, e) > 0) {
                a[2 * j + 2] = a[2 * j];
                a[2 * j + 3] = a[2 * j + 1];
                j--;
            }
            a[2 * j + 2] = p;
            a[2 * j + 3] = e;
        }
    }

    private void heapsort(long[] a, int lo, int hi) {
        int n = hi - lo + 1;
        for (int i = n / 2 - 1; i >= 0; i--) siftDown(a, lo, i, n);
        for (int end = n - 1; end > 0; end--) {
            swap(a, lo, lo + end);
            siftDown(a, lo, 0, end);
        }
    }

    private void siftDown(long[] a, int lo, int i, int n) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) return;
            if (child + 1 < n && cmp(a, lo + child + 1, lo + child) > 0) child++;
            if (cmp(a, lo + i, lo + child) >= 0) return;
            swap(a, lo + i, lo + child);
            i = child;
        }
    }
}
