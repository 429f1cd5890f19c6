package dev.mr.streaming;

import java.util.Arrays;

/**
 * The order of a batch of lines by key bytes (unsigned), stable: lines with equal keys keep their
 * order. Sorts primitive longs holding each key's first four bytes and the line's number, then
 * orders only the runs that share those four bytes by their whole keys; a run of one repeated key
 * (a frequent word) is already in order and costs one pass. Pure.
 */
final class KeyOrder {

    private KeyOrder() {}

    /**
     * @param starts  line i's key starts at {@code starts[i]}
     * @param keyEnds and ends (exclusive) at {@code keyEnds[i]}
     * @return the line numbers {@code 0..count-1} in key order
     */
    static int[] of(byte[] buf, int[] starts, int[] keyEnds, int count) {
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            int prefix = 0;
            for (int j = 0; j < 4; j++) {
                int at = starts[i] + j;
                prefix = prefix << 8 | (at < keyEnds[i] ? buf[at] & 0xff : 0);
            }
            keys[i] = (long) (prefix ^ Integer.MIN_VALUE) << 32 | i; // signed order of the flipped prefix = unsigned order
        }
        Arrays.sort(keys);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = (int) keys[i];
        for (int from = 0; from < count; ) {
            int to = from + 1;
            while (to < count && keys[to] >>> 32 == keys[from] >>> 32) to++;
            if (to - from > 1) sortRun(buf, starts, keyEnds, order, from, to);
            from = to;
        }
        return order;
    }

    /** Orders {@code order[from, to)}, whose keys share their first four bytes, by their whole keys; stable (a merge sort). */
    private static void sortRun(byte[] buf, int[] starts, int[] keyEnds, int[] order, int from, int to) {
        boolean sorted = true;
        for (int i = from + 1; i < to && sorted; i++) sorted = compare(buf, starts, keyEnds, order[i - 1], order[i]) <= 0;
        if (sorted) return;
        Integer[] run = new Integer[to - from];
        for (int i = from; i < to; i++) run[i - from] = order[i];
        Arrays.sort(run, (x, y) -> compare(buf, starts, keyEnds, x, y));
        for (int i = from; i < to; i++) order[i] = run[i - from];
    }

    private static int compare(byte[] buf, int[] starts, int[] keyEnds, int x, int y) {
        return Arrays.compareUnsigned(buf, starts[x], keyEnds[x], buf, starts[y], keyEnds[y]);
    }
}
