package dev.mr.shuffle.sort;

/**
 * How far an array of a collection buffer may grow: doubling, but never past the room left in
 * the buffer's memory budget, and never below what is needed. Stateless.
 */
final class Capacity {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private Capacity() {}

    /**
     * The new length (in elements) for an array of {@code current} elements that must hold
     * {@code needed}, given {@code roomBytes} of budget for it and {@code elementBytes} each;
     * or -1 when the room is too small.
     */
    static int grow(int current, long needed, long roomBytes, int elementBytes) {
        long room = Math.min(roomBytes / elementBytes, MAX_ARRAY);
        if (needed > room) return -1;
        return (int) Math.min(Math.max(needed, 2L * current), room);
    }
}
