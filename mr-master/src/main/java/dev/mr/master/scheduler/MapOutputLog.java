package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A job's append-only log of map output locations (see {@link MapOutputEvent}). Entries never
 * change once appended, so the tail a reducer is told is an immutable view rather than a copy:
 * every reducer reads every entry, and copying would cost the number of maps times the number of
 * reduces. Storage grows in fixed chunks that are never reallocated, and a view keeps the chunks
 * it covers, so it stays valid (and safe to hand to another thread) while the log grows.
 */
final class MapOutputLog {

    private static final int CHUNK = 1024;

    private final ArrayList<MapOutputEvent[]> chunks = new ArrayList<>();
    private int size;

    void append(AttemptId mapAttempt, String address, boolean obsolete) {
        if (size % CHUNK == 0) chunks.add(new MapOutputEvent[CHUNK]);
        chunks.get(size / CHUNK)[size % CHUNK] = new MapOutputEvent(size, mapAttempt, address, obsolete);
        size++;
    }

    int size() {
        return size;
    }

    /** The entries from {@code from} to the current end, as an immutable list. */
    List<MapOutputEvent> tail(int from) {
        if (from >= size) return List.of();
        int first = from / CHUNK;
        int last = (size - 1) / CHUNK;
        MapOutputEvent[][] parts = new MapOutputEvent[last - first + 1][];
        for (int c = first; c <= last; c++) parts[c - first] = chunks.get(c);
        return new Slice(parts, from - first * CHUNK, size - from);
    }

    /** An immutable run of log entries. */
    static final class Slice extends AbstractList<MapOutputEvent> implements RandomAccess {
        private final MapOutputEvent[][] parts;
        private final int offset;
        private final int size;

        private Slice(MapOutputEvent[][] parts, int offset, int size) {
            this.parts = parts;
            this.offset = offset;
            this.size = size;
        }

        @Override
        public MapOutputEvent get(int i) {
            if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
            int at = offset + i;
            return parts[at / CHUNK][at % CHUNK];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
