package dev.mr.master.scheduler;

import java.util.PriorityQueue;

/**
 * The running median of the durations of completed attempts, in O(log n) per duration: the lower
 * half in a max-heap, the upper half in a min-heap. The median of an even count is the lower middle.
 */
final class RunningMedian {

    private final PriorityQueue<Long> lower = new PriorityQueue<>((a, b) -> Long.compare(b, a));
    private final PriorityQueue<Long> upper = new PriorityQueue<>();

    void add(long millis) {
        if (lower.isEmpty() || millis <= lower.peek()) lower.add(millis);
        else upper.add(millis);
        if (lower.size() > upper.size() + 1) upper.add(lower.poll());
        else if (upper.size() > lower.size()) lower.add(upper.poll());
    }

    boolean isEmpty() {
        return lower.isEmpty();
    }

    int count() {
        return lower.size() + upper.size();
    }

    /** The median; only when not empty. */
    long median() {
        return lower.peek();
    }
}
