package dev.mr.streaming.pipe;

import java.util.ArrayDeque;

/**
 * The last lines a command wrote on stderr, at most {@code capacity} characters of them, for its
 * failure message. Thread-safe (guarded by {@code this}): the stderr reader appends, the owner reads.
 */
final class StderrTail {

    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private int size;
    private boolean dropped;

    StderrTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void append(String line) {
        if (line.length() > capacity) line = "..." + line.substring(line.length() - capacity + 3);
        lines.add(line);
        size += line.length() + 1;
        while (size > capacity && lines.size() > 1) {
            size -= lines.poll().length() + 1;
            dropped = true;
        }
    }

    /** The kept lines, oldest first, after "..." when earlier ones were dropped. */
    synchronized String text() {
        if (lines.isEmpty()) return "";
        return (dropped ? "...\n" : "") + String.join("\n", lines);
    }
}
