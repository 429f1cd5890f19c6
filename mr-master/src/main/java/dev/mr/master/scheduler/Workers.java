package dev.mr.master.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;

/**
 * Every worker id ever registered, in id order, and the live ones in the order they were last
 * heard from, so that finding the silent ones is a look at the front. (Event times never go
 * back, so that order is also the order of their last heartbeat times.) Owned by the scheduler's
 * thread.
 */
final class Workers {

    private final TreeMap<String, Worker> byId = new TreeMap<>();
    private final LinkedHashSet<Worker> aliveByLastHeard = new LinkedHashSet<>();

    Worker get(String id) {
        return byId.get(id);
    }

    Worker getOrCreate(String id) {
        return byId.computeIfAbsent(id, Worker::new);
    }

    Collection<Worker> all() {
        return byId.values();
    }

    int aliveCount() {
        return aliveByLastHeard.size();
    }

    /** Records that {@code w} is alive as of {@code now}. */
    void heard(Worker w, long now) {
        aliveByLastHeard.remove(w);
        w.lastHeartbeat = now;
        aliveByLastHeard.add(w); // to the end
    }

    void died(Worker w) {
        aliveByLastHeard.remove(w);
    }

    /** The live workers silent for at least {@code expiryMs} at {@code now}, longest silent first. */
    List<Worker> silentSince(long now, long expiryMs) {
        List<Worker> out = new ArrayList<>();
        for (Worker w : aliveByLastHeard) {
            if (now - w.lastHeartbeat < expiryMs) break;
            out.add(w);
        }
        return out;
    }
}
