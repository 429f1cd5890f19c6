package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Every job by id in submission order, and the RUNNING ones (FIFO: the order assignment offers
 * them slots in). Owned by the scheduler's thread.
 */
final class Jobs {

    private final LinkedHashMap<String, Job> byId = new LinkedHashMap<>();
    /** Few, and indexed in the assignment loop (which must not allocate an iterator per slot). */
    private final ArrayList<Job> running = new ArrayList<>();

    Job get(String id) {
        return byId.get(id);
    }

    void add(Job j) {
        byId.put(j.id, j);
        running.add(j);
    }

    Collection<Job> all() {
        return byId.values();
    }

    /** The jobs that may still get tasks assigned, oldest first. */
    List<Job> running() {
        return running;
    }

    void stopped(Job j) {
        running.remove(j);
    }

    /** Forgets an ended job. */
    void remove(Job j) {
        byId.remove(j.id);
        running.remove(j);
    }

    /** The attempt with this id, or null when no such job, task or attempt exists. */
    Attempt attempt(AttemptId id) {
        Job j = byId.get(id.task().jobId());
        Task t = j == null ? null : j.task(id.task());
        return t == null ? null : t.attempt(id);
    }
}
