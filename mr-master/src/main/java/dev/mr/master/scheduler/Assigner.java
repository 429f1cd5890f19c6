package dev.mr.master.scheduler;

import java.util.List;

/**
 * Fills a worker's free slots, one task per slot. Jobs are served first-in first-out: the oldest
 * running job that does not exclude the worker and has something for it gets the slot. Within a
 * job the order is: a waiting map with a replica on the worker's machine (its split names one of the
 * worker's names; no waiting for one to come free, as without Hadoop's delay scheduling), any waiting map, a waiting
 * reduce (once the job's slow-start fraction of maps completed), then a backup of a straggling map,
 * then of a straggling reduce. Within each, re-runs come first, then tasks in index order. An
 * attempt of a task that failed often enough runs in skip mode, told the records to skip.
 */
final class Assigner {

    private final Jobs jobs;
    private final Workers workers;
    private final Outcomes outcomes;

    Assigner(Jobs jobs, Workers workers, Outcomes outcomes) {
        this.jobs = jobs;
        this.workers = workers;
        this.outcomes = outcomes;
    }

    void fill(Worker w, int free, long now, List<Effect> out) {
        for (; free > 0; free--) {
            if (!assignOne(w, now, out)) return;
        }
    }

    private boolean assignOne(Worker w, long now, List<Effect> out) {
        List<Job> running = jobs.running();
        for (int i = 0; i < running.size(); i++) {
            Job j = running.get(i);
            if (j.excludes(w, workers)) continue;
            boolean backup = false;
            Task t = null;
            if (j.waitingMaps > 0) {
                t = j.nextLocalMap(w);
                if (t == null) t = j.nextMap();
            }
            if (t == null) t = j.nextReduce();
            if (t == null) {
                t = j.mapSpeculator.straggler(w, now, j.waitingMaps);
                if (t == null) t = j.reduceSpeculator.straggler(w, now, j.waitingReduces);
                backup = t != null;
            }
            if (t == null) continue;
            Attempt a = outcomes.launch(t, w, backup, now);
            out.add(new Effect.JournalAttemptLaunched(a.id, w.id, w.address, now));
            out.add(new Effect.AssignAttempt(w.id, a.id, a.dataLocal, backup, a.skipMode, a.skipMode ? t.badRecords() : List.of()));
            if (!t.isMap()) tellMapOutputs(a, 0, out);
            return true;
        }
        return false;
    }

    /** Tells a running reduce attempt the entries of its job's map output log after the first {@code known}. */
    static void tellMapOutputs(Attempt reduce, int known, List<Effect> out) {
        List<MapOutputEvent> news = reduce.task.job.mapOutputLog.after(Math.max(0, known));
        if (!news.isEmpty()) out.add(new Effect.TellMapOutputs(reduce.worker.id, reduce.id, news));
    }
}
