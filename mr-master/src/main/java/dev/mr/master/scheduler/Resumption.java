package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.Event.JobResumed;
import dev.mr.master.scheduler.Event.TaskDone;
import dev.mr.master.scheduler.Event.WorkerRegistered;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks jobs up where a previous run of the master left them, as Hadoop's application master
 * recovers finished tasks after a restart. A resumed job's journal says which attempts committed,
 * which had a commit in flight (asked again: commits are idempotent), and which maps' outputs live
 * on which worker; each is replayed through the same transitions as when it first happened, with
 * the times the journal kept. A worker holding such outputs is awaited ({@link WorkerState#AWAITED})
 * for the worker expiry: when it registers, it keeps the outputs it still holds and the attempts
 * it still runs are taken on; what it does not report, or a worker that never comes, is run again.
 * Owned by the scheduler's thread.
 */
final class Resumption {

    private final Jobs jobs;
    private final Workers workers;
    private final Outcomes outcomes;

    Resumption(Jobs jobs, Workers workers, Outcomes outcomes) {
        this.jobs = jobs;
        this.workers = workers;
        this.outcomes = outcomes;
    }

    static void validate(JobResumed e) {
        if (e.resumption() < 1) throw new IllegalArgumentException("job " + e.jobId() + " resumed with resumption " + e.resumption());
        MapOutputLog.base(e.resumption());
        for (TaskDone d : e.done()) {
            AttemptId a = checked(e, d.attempt());
            boolean commits = !a.task().map() || e.reduces() == 0;
            if (d.stage() != Event.Stage.RUNNING && commits == (d.stage() == Event.Stage.MAP_OUTPUT)) {
                throw new IllegalArgumentException("job " + e.jobId() + ": " + a + " cannot be at stage " + d.stage());
            }
        }
        for (Event.AttemptFailed f : e.failed()) checked(e, f.attempt());
    }

    /** {@code a} when it names an attempt of one of the job's tasks launched by an earlier run. */
    private static AttemptId checked(JobResumed e, AttemptId a) {
        int count = a.task().map() ? e.splits().size() : e.reduces();
        if (!a.task().jobId().equals(e.jobId()) || a.task().index() >= count) {
            throw new IllegalArgumentException("job " + e.jobId() + ": the journal names " + a + ", not one of its tasks");
        }
        if (a.attempt() >= e.resumption() * Job.ATTEMPTS_PER_RUN) {
            throw new IllegalArgumentException("job " + e.jobId() + ": attempt " + a + " is not from an earlier run");
        }
        return a;
    }

    void resumed(JobResumed e, long now, List<Effect> out) {
        Job j = new Job(e.jobId(), e.settings(), e.splits(), e.reduces(), now, e.resumption());
        jobs.add(j);
        for (Event.AttemptFailed f : e.failed()) failedBefore(j, f, out);
        for (TaskDone d : e.done()) {
            if (d.stage() == Event.Stage.RUNNING) continue;
            Task t = j.task(d.attempt().task());
            if (t.state() != TaskState.WAITING) continue; // a later entry for a task the journal settled twice: the first stands
            Worker w = workers.getOrCreate(d.workerId());
            if (d.stage() == Event.Stage.MAP_OUTPUT) {
                if (!w.accepts(Worker.Trigger.NAMED_BY_JOURNAL)) continue; // registered already: not known to hold it
                if (w.state() == WorkerState.DEAD) w.await(d.address());
                workers.heard(w, now);
            }
            List<Effect> replayed = new ArrayList<>();
            Attempt a = outcomes.adopt(t, d.attempt(), w, d.startTime());
            outcomes.finished(a, d.counters(), d.finishTime(), replayed);
            if (d.stage() == Event.Stage.COMMITTED) outcomes.commitDone(a, d.finishTime(), replayed);
            for (Effect x : replayed) {
                // the journal has these already; a finished commit is not asked again
                if (x instanceof Effect.JournalMapOutput || d.stage() == Event.Stage.COMMITTED && x instanceof Effect.CommitTask) continue;
                out.add(x);
            }
        }
        for (TaskDone d : e.done()) {
            if (d.stage() == Event.Stage.RUNNING) holdForItsWorker(j, d, now);
        }
        if (j.taskCount() == 0) outcomes.submitted(j, out);
    }

    /** An attempt that failed before the restart counts toward its task's attempts and against its worker, as it did then. */
    private void failedBefore(Job j, Event.AttemptFailed f, List<Effect> out) {
        Task t = j.task(f.attempt().task());
        boolean open = t.state() == TaskState.WAITING || t.state() == TaskState.RUNNING;
        if (!open || t.attempt(f.attempt()) != null || j.phase() != JobPhase.RUNNING) return;
        Attempt a = outcomes.adopt(t, f.attempt(), workers.getOrCreate(f.workerId()), f.startTime());
        List<Effect> replayed = new ArrayList<>();
        outcomes.failed(a, f.error(), null, f.finishTime(), replayed);
        for (Effect x : replayed) if (!(x instanceof Effect.JournalAttemptFailed)) out.add(x);
    }

    /**
     * An attempt the journal says was launched and not settled: its task is held for the worker,
     * which is awaited (the attempt runs there, unconfirmed, on no incarnation) until it registers
     * saying whether it still runs it, or the expiry passes; so a task that ran through the
     * restart is not given to another worker meanwhile.
     */
    private void holdForItsWorker(Job j, TaskDone d, long now) {
        Task t = j.task(d.attempt().task());
        boolean open = t.state() == TaskState.WAITING || t.state() == TaskState.RUNNING;
        if (!open || t.attempt(d.attempt()) != null) return;
        Worker w = workers.getOrCreate(d.workerId());
        if (!w.accepts(Worker.Trigger.NAMED_BY_JOURNAL)) return;
        if (w.state() == WorkerState.DEAD) w.await(d.address());
        workers.heard(w, now);
        outcomes.adopt(t, d.attempt(), w, d.startTime());
    }

    /** The map outputs and the running attempts resumed jobs placed on an awaited worker, and where it was then. */
    record Placed(List<Attempt> outputs, List<Attempt> running, String address) {
        static final Placed NONE = new Placed(List.of(), List.of(), null);
    }

    /**
     * Before a worker's new incarnation starts: what resumed jobs placed on it while it was
     * awaited. The caller starts the incarnation, then calls {@link #registered}.
     */
    Placed placed(Worker w) {
        return w.state() == WorkerState.AWAITED ? new Placed(new ArrayList<>(w.mapOutputs), new ArrayList<>(w.running), w.address) : Placed.NONE;
    }

    /**
     * A worker registered with {@code placed} outputs from {@link #placed}: keeps those it reports
     * holding (at the same address), takes on the attempts it reports running that a resumed job
     * is waiting for, and orders the rest killed and dropped; a placed output it no longer holds
     * is lost and its map runs again. What it keeps is data-local by the names it registered now.
     */
    void registered(Worker w, WorkerRegistered e, Placed placed, long now, List<Effect> out) {
        Set<AttemptId> held = new HashSet<>(e.mapOutputs());
        Set<AttemptId> runs = new HashSet<>(e.running());
        Set<AttemptId> kept = new HashSet<>();
        for (Attempt a : placed.running()) {
            if (!a.isRunning()) continue;
            if (runs.contains(a.id) && e.address().equals(placed.address())) {
                a.confirmOn(w);
                a.dataLocal = w.isLocalTo(a.task.split);
                w.running.add(a);
                kept.add(a.id);
            } else {
                outcomes.lost(a, "worker " + w.id + " registered again without it", false, now, out);
            }
        }
        for (Attempt a : placed.outputs()) {
            if (a.state() != AttemptState.SUCCEEDED) continue;
            if (held.contains(a.id) && e.address().equals(placed.address())) {
                a.dataLocal = w.isLocalTo(a.task.split);
                w.mapOutputs.add(a);
                kept.add(a.id);
            } else if (a.task.job.needsMapOutputs()) {
                outcomes.outputLost(a, false, "map output lost: worker " + w.id + " registered again without it", now, out);
            }
        }
        for (AttemptId id : e.running()) {
            if (kept.contains(id)) continue;
            if (adoptable(w, id)) {
                outcomes.adopt(jobs.get(id.task().jobId()).task(id.task()), id, w, now);
                kept.add(id);
            } else {
                out.add(new Effect.KillAttempt(w.id, id));
            }
        }
        for (AttemptId id : e.mapOutputs()) {
            if (!kept.contains(id)) out.add(new Effect.KillAttempt(w.id, id));
        }
    }

    private boolean adoptable(Worker w, AttemptId id) {
        Job j = jobs.get(id.task().jobId());
        Task t = j == null ? null : j.task(id.task());
        return t != null && j.phase() == JobPhase.RUNNING && t.state() == TaskState.WAITING && t.launchedBefore(id)
                && t.attempt(id) == null && w.freeSlots() > 0 && !j.excludes(w, workers);
    }
}
