package dev.mr.worker.task;

import dev.mr.api.serde.Serde;
import dev.mr.shuffle.KeyGroups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The {@code Iterable} of one key group handed to {@code reduce}: it decodes each value
 * only when the iterator reaches it, and can be iterated once (a second {@code iterator()}
 * call is an error that says so, rather than a silently empty loop). Reused for every group
 * of a task; confined to its thread.
 */
final class GroupValues<V> implements Iterable<V>, Iterator<V> {

    private final KeyGroups groups;
    private final Serde<V> serde;
    private final TaskProgress progress;
    private boolean handedOut;
    private boolean peeked;
    private boolean more;
    /** Values of the group moved past so far. */
    private long taken;

    GroupValues(KeyGroups groups, Serde<V> serde, TaskProgress progress) {
        this.groups = groups;
        this.serde = serde;
        this.progress = progress;
    }

    /** Starts the next group: the groups cursor sits on the group's first record. */
    void reset() {
        handedOut = false;
        peeked = false;
        taken = 0;
    }

    /** Moves past the group's values not taken yet, decoding none; returns how many values the group has. */
    long drain() {
        while (hasNext()) {
            peeked = false;
            taken++;
        }
        return taken;
    }

    @Override
    public Iterator<V> iterator() {
        if (handedOut) {
            throw new IllegalStateException("the values of a reduce group can be iterated only once; copy them if you need two passes");
        }
        handedOut = true;
        return this;
    }

    @Override
    public boolean hasNext() {
        if (!peeked) {
            try {
                more = groups.nextValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            peeked = true;
        }
        return more;
    }

    @Override
    public V next() {
        if (!hasNext()) throw new NoSuchElementException();
        peeked = false;
        progress.tick();
        taken++;
        return serde.read(groups.valueBuffer(), groups.valueOffset(), groups.valueLength());
    }
}
