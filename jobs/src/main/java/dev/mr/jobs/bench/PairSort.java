package dev.mr.jobs.bench;

/**
 * Sorts a range of packed (hi, lo) long pairs in place by hi, then lo, both unsigned. Pair
 * i is {@code a[2i]} (hi) and {@code a[2i + 1]} (lo), side by side so that touching a pair
 * touches one cache line. For TeraSort, hi is key bytes 0-7 and lo is key bytes 8-9 above
 * a 48-bit record index, so no two pairs are equal and the order is the stable order by
 * the 10-byte key. Quicksort with a median-of-three pivot, insertion sort for short
 * ranges; recursion goes into the smaller side only, so the stack stays O(log n).
 */
final class PairSort {
    private static final int INSERTION = 24;

    private PairSort() {}

    /** Sorts pairs {@code [from, to)} of {@code a}. */
    static void sort(long[] a, int from, int to) {
        while (to - from > INSERTION) {
            int mid = (from + to) >>> 1;
            order(a, from, mid);
            order(a, mid, to - 1);
            order(a, from, mid);
            long ph = a[2 * mid];
            long pl = a[2 * mid + 1];
            int i = from - 1;
            int j = to;
            while (true) {
                do i++; while (less(a[2 * i], a[2 * i + 1], ph, pl));
                do j--; while (less(ph, pl, a[2 * j], a[2 * j + 1]));
                if (i >= j) break;
                swap(a, i, j);
            }
            // [from, j] <= pivot <= [j + 1, to); both sides are non-empty because the
            // median of three leaves an element no smaller than the pivot at to - 1
            if (j + 1 - from < to - j - 1) {
                sort(a, from, j + 1);
                from = j + 1;
            } else {
                sort(a, j + 1, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            long h = a[2 * i];
            long l = a[2 * i + 1];
            int k = i - 1;
            while (k >= from && less(h, l, a[2 * k], a[2 * k + 1])) {
                a[2 * k + 2] = a[2 * k];
                a[2 * k + 3] = a[2 * k + 1];
                k--;
            }
            a[2 * k + 2] = h;
            a[2 * k + 3] = l;
        }
    }

    static boolean less(long h1, long l1, long h2, long l2) {
        return h1 != h2 ? Long.compareUnsigned(h1, h2) < 0 : Long.compareUnsigned(l1, l2) < 0;
    }

    private static void order(long[] a, int x, int y) {
        if (less(a[2 * y], a[2 * y + 1], a[2 * x], a[2 * x + 1])) swap(a, x, y);
    }

    private static void swap(long[] a, int x, int y) {
        long h = a[2 * x];
        a[2 * x] = a[2 * y];
        a[2 * y] = h;
        long l = a[2 * x + 1];
        a[2 * x + 1] = a[2 * y + 1];
        a[2 * y + 1] = l;
    }
}
