package dev.mr.shuffle.sort;

/**
 * Sorts a sort index in place: pairs of longs {@code (prefix, entry)} where {@code prefix} is
 * the key's {@link dev.mr.shuffle.io.KeyPrefix} (0 when the comparator is not bytewise) and
 * {@code entry} packs, from the high bits down, the partition (24 bits), the key length
 * saturated at 255 (8 bits) and a 32-bit reference to the record (its offset, or a table slot).
 *
 * <p>Order: partition, then key, then reference. References grow in arrival order, so the sort
 * is stable, and no two entries are equal. With a bytewise comparator the prefix and the key
 * length decide every comparison except between keys longer than 8 bytes that share their
 * first 8; only those (or every comparison, with another comparator) read the record bytes,
 * through {@link #compareKeys}.
 *
 * <p>An introsort: median-of-three quicksort, insertion sort for short ranges, heapsort when
 * the recursion runs too deep. Confined to one thread.
 */
public abstract class IndexSorter {

    private static final int INSERTION_MAX = 12;

    private final boolean bytewise;

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

    /** Compares the keys of two records by the sort comparator. */
    protected abstract int compareKeys(int refA, int refB);

    /** Sorts the first {@code n} pairs of {@code a}. */
    public final void sort(long[] a, int n) {
        sort(a, 0, n);
    }

    /** Sorts the {@code n} pairs of {@code a} that start at pair {@code from} (at {@code a[2 * from]}). */
    public final void sort(long[] a, int from, int n) {
        if (n > 1) quicksort(a, from, from + n - 1, 2 * (32 - Integer.numberOfLeadingZeros(n)));
    }

    final int compare(long prefixA, long entryA, long prefixB, long entryB) {
        if (entryA == entryB) return 0; // the pivot meets itself: do not read its key
        long pa = entryA >>> 40;
        long pb = entryB >>> 40;
        if (pa != pb) return pa < pb ? -1 : 1;
        if (bytewise) {
            if (prefixA != prefixB) return Long.compareUnsigned(prefixA, prefixB);
            int la = (int) (entryA >>> 32) & 0xFF;
            int lb = (int) (entryB >>> 32) & 0xFF;
            if (la != lb && (la <= 8 || lb <= 8)) return la < lb ? -1 : 1;
            if (la > 8) {
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

    private void quicksort(long[] a, int lo, int hi, int depth) {
        while (hi - lo > INSERTION_MAX) {
            if (depth-- == 0) {
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
                quicksort(a, lo, j, depth);
                lo = i;
            } else {
                quicksort(a, i, hi, depth);
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
