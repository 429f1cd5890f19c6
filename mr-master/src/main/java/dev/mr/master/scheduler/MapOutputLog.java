package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A job's append-only log of map output locations (see {@link MapOutputEvent}). A job resumed by
 * a restarted master starts a new log whose indexes begin past any the earlier run can have
 * issued ({@link #base}): a reducer that outlived the restart reports how far it read the old
 * log, and is told the new one from its start, every entry of which it takes as new (entries
 * for maps whose output it already fetched change nothing for it). Entries never
 * change once appended, so the tail a reducer is told is an immutable view rather than a copy:
 * every reducer reads every entry, and copying would cost the number of maps times the number of
 * reduces. Storage grows in fixed chunks that are never reallocated, and a view keeps the chunks
 * it covers, so it stays valid (and safe to hand to another thread) while the log grows.
 */
final class MapOutputLog {

    private static final int CHUNK = 1024;

    /** Entries one master run's log may hold; beyond it the next run's indexes would collide. */
    static final int SPAN = 1 << 22;
    /** Resumptions a job may go through before its log indexes would overflow. */
    static final int MAX_RESUMPTIONS = Integer.MAX_VALUE / SPAN - 1;

    private final ArrayList<MapOutputEvent[]> chunks = new ArrayList<>();
    private final int base;
    private int size;

    MapOutputLog() {
        this(0);
    }

    MapOutputLog(int base) {
        this.base = base;
    }

    /** The first index of the log of a job's {@code resumption}-th master run (0 for its first). */
    static int base(int resumption) {
        if (resumption < 0 || resumption > MAX_RESUMPTIONS) {
            throw new IllegalArgumentException("a job resumed " + resumption + " times; at most " + MAX_RESUMPTIONS + " are possible");
        }
        return resumption * SPAN;
    }

    void append(AttemptId mapAttempt, String address, boolean obsolete) {
        if (size == SPAN) throw new IllegalStateException("map output log of " + SPAN + " entries is full: " + mapAttempt);
        if (size % CHUNK == 0) chunks.add(new MapOutputEvent[CHUNK]);
        chunks.get(size / CHUNK)[size % CHUNK] = new MapOutputEvent(base + size, mapAttempt, address, obsolete);
        size++;
    }

    int size() {
        return size;
    }

    /**
     * The entries after the first {@code known} a reducer reports having read, as an immutable
     * list; a count from an earlier run's log (below {@link #base}) means from the start.
     */
    List<MapOutputEvent> after(int known) {
        return tail(known < base ? 0 : known - base);
    }

    /** The entries from position {@code from} to the current end, as an immutable list. */
    private List<MapOutputEvent> tail(int from) {
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
