package dev.mr.jobs.bench;

/**
 * Sorts a range of packed (hi, lo) long pairs in place by hi, then lo, both unsigned.
 * For TeraSort, hi is key bytes 0-7 and lo is key bytes 8-9 above a 48-bit record index,
 * so no two pairs are equal and the order is the stable order by the 10-byte key.
 * Quicksort with a median-of-three pivot, insertion sort for short ranges; recursion goes
 * into the smaller side only, so the stack stays O(log n).
 */
final class PairSort {
    private static final int INSERTION = 24;

    private PairSort() {}

    static void sort(long[] hi, long[] lo, int from, int to) {
        while (to - from > INSERTION) {
            int mid = (from + to) >>> 1;
            order(hi, lo, from, mid);
            order(hi, lo, mid, to - 1);
            order(hi, lo, from, mid);
            long ph = hi[mid];
            long pl = lo[mid];
            int i = from - 1;
            int j = to;
            while (true) {
                do i++; while (less(hi[i], lo[i], ph, pl));
                do j--; while (less(ph, pl, hi[j], lo[j]));
                if (i >= j) break;
                swap(hi, lo, i, j);
            }
            // [from, j] <= pivot <= [j + 1, to); both sides are non-empty because the
            // median of three has a larger element at to - 1 and pairs are distinct
            if (j + 1 - from < to - j - 1) {
                sort(hi, lo, from, j + 1);
                from = j + 1;
            } else {
                sort(hi, lo, j + 1, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            long h = hi[i];
            long l = lo[i];
            int k = i - 1;
            while (k >= from && less(h, l, hi[k], lo[k])) {
                hi[k + 1] = hi[k];
                lo[k + 1] = lo[k];
                k--;
            }
            hi[k + 1] = h;
            lo[k + 1] = l;
        }
    }

    static boolean less(long h1, long l1, long h2, long l2) {
        return h1 != h2 ? Long.compareUnsigned(h1, h2) < 0 : Long.compareUnsigned(l1, l2) < 0;
    }

    private static void order(long[] hi, long[] lo, int a, int b) {
        if (less(hi[b], lo[b], hi[a], lo[a])) swap(hi, lo, a, b);
    }

    private static void swap(long[] hi, long[] lo, int a, int b) {
        long h = hi[a];
        hi[a] = hi[b];
        hi[b] = h;
        long l = lo[a];
        lo[a] = lo[b];
        lo[b] = l;
    }
}
