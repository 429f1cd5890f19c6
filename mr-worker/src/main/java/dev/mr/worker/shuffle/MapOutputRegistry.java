package dev.mr.worker.shuffle;

import dev.mr.api.spi.AttemptId;
import dev.mr.shuffle.MapOutputIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The map outputs this worker holds and serves: a finished map attempt's data file and index,
 * by attempt id. The shuffle server resolves requests only through here, so the files it sends
 * are the ones the worker's own map attempts wrote. Thread-safe: event loops read, task and
 * heartbeat threads add and remove.
 */
public final class MapOutputRegistry {

    /** A held map output; {@code dir} is the attempt's directory, deleted with it. */
    public record Held(AttemptId attempt, Path data, Path dir, MapOutputIndex index) {}

    private final ConcurrentHashMap<AttemptId, Held> held = new ConcurrentHashMap<>();

    public void add(Held h) {
        held.put(h.attempt(), h);
    }

    /** The held output of {@code attempt}, or null. */
    public Held get(AttemptId attempt) {
        return held.get(attempt);
    }

    /** Stops serving {@code attempt}; returns what was held, or null. */
    public Held remove(AttemptId attempt) {
        return held.remove(attempt);
    }

    /** Stops serving every output of {@code jobId}; returns them. */
    public List<Held> removeJob(String jobId) {
        List<Held> out = new ArrayList<>();
        for (AttemptId a : new ArrayList<>(held.keySet())) {
            if (a.task().jobId().equals(jobId)) {
                Held h = held.remove(a);
                if (h != null) out.add(h);
            }
        }
        return out;
    }

    /** The map attempts whose output is held, in no particular order. */
    public List<AttemptId> attempts() {
        return new ArrayList<>(held.keySet());
    }

    public int size() {
        return held.size();
    }
}
