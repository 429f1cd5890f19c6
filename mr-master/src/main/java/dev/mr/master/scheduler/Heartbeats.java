package dev.mr.master.scheduler;

import dev.mr.master.scheduler.AttemptUpdate.Failed;
import dev.mr.master.scheduler.AttemptUpdate.Finished;
import dev.mr.master.scheduler.AttemptUpdate.Lost;
import dev.mr.master.scheduler.AttemptUpdate.Running;
import dev.mr.master.scheduler.Event.FetchFailureReported;
import dev.mr.master.scheduler.Event.HeartbeatReceived;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a worker's heartbeat: takes its reports (outcomes first, then the attempts still
 * running), takes an attempt it was assigned but no longer mentions as lost, tells its reduce
 * attempts the map outputs they have not seen, and fills its free slots. Also takes reducers'
 * fetch-failure reports. Anything from an incarnation that is not the worker's live one, or
 * about an attempt that is not (or no longer) this incarnation's, is ignored and logged.
 */
final class Heartbeats {

    private final Jobs jobs;
    private final Workers workers;
    private final Outcomes outcomes;
    private final Assigner assigner;
    private final Preemption preemption;

    Heartbeats(Jobs jobs, Workers workers, Outcomes outcomes, Assigner assigner) {
        this.jobs = jobs;
        this.workers = workers;
        this.outcomes = outcomes;
        this.assigner = assigner;
        this.preemption = new Preemption(jobs, outcomes);
    }

    void received(HeartbeatReceived e, long now, List<Effect> out) {
        Worker w = workers.get(e.workerId());
        String stale = staleness(w, e.workerId(), e.incarnation());
        if (stale != null) {
            for (AttemptUpdate r : e.reports()) out.add(new Effect.LogIgnored(e.workerId(), r.attempt().toString(), stale));
            // a superseded incarnation must not register again: that would end the live one
            if (w == null || e.incarnation() >= w.incarnation()) out.add(new Effect.Reregister(e.workerId()));
            return;
        }
        w.move(Worker.Trigger.HEARTBEAT_RECEIVED, WorkerState.ALIVE);
        workers.heard(w, now);

        List<AttemptUpdate> reports = e.reports();
        for (int i = 0; i < reports.size(); i++) {
            AttemptUpdate r = reports.get(i);
            if (r instanceof Finished f) finished(w, f, now, out);
            else if (r instanceof Failed f) failed(w, f, now, out);
            else if (r instanceof Lost l) lost(w, l, now, out);
        }
        long beat = ++w.heartbeats;
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i) instanceof Running run) running(w, run, beat, out);
        }
        List<Attempt> unreported = null;
        for (Attempt a : w.running) {
            if (a.reportedIn != beat) {
                if (unreported == null) unreported = new ArrayList<>();
                unreported.add(a);
            }
        }
        if (unreported != null) {
            for (Attempt a : unreported) {
                if (a.isRunning()) outcomes.lost(a, "worker " + w.id + " did not report it (its assignment was lost)", false, now, out);
            }
        }
        for (String job : w.cleanups) out.add(new Effect.CleanUpJob(w.id, job));
        w.cleanups.clear();
        for (Attempt a : w.running) {
            if (!a.task.isMap()) Assigner.tellMapOutputs(a, a.mapOutputsKnown, out);
        }
        int free = Math.min(e.freeSlots(), w.freeSlots());
        preemption.check(w, free, now, out);
        assigner.fill(w, free, now, out);
    }

    void fetchFailed(FetchFailureReported e, long now, List<Effect> out) {
        Worker w = workers.get(e.workerId());
        String stale = staleness(w, e.workerId(), e.incarnation());
        if (stale != null) {
            out.add(ignoredFetchFailure(e, stale));
            return;
        }
        Attempt r = jobs.attempt(e.reduceAttempt());
        if (r == null || !r.belongsTo(w) || !r.isRunning() || r.task.isMap()) {
            out.add(ignoredFetchFailure(e, "not a running reduce attempt of this worker"));
            return;
        }
        Attempt m = jobs.attempt(e.mapAttempt());
        if (m == null || !m.task.isMap() || m.task.job != r.task.job) {
            out.add(ignoredFetchFailure(e, "not a map attempt of the reducer's job"));
            return;
        }
        if (!m.accepts(Attempt.Trigger.FETCH_FAILURE_REPORTED)) {
            out.add(ignoredFetchFailure(e, "map attempt is " + m.state() + "; its output was already replaced"));
            return;
        }
        m.fetchFailures++;
        if (m.fetchFailures >= m.task.job.settings.fetchFailuresPerMap()) {
            outcomes.outputLost(m, true, "map output lost: " + m.fetchFailures
                    + " fetch failures reported, the last by " + r.id + " on worker " + w.id, now, out);
        } else {
            m.move(Attempt.Trigger.FETCH_FAILURE_REPORTED, AttemptState.SUCCEEDED);
        }
    }

    private static Effect ignoredFetchFailure(FetchFailureReported e, String why) {
        return new Effect.LogIgnored(e.workerId(), e.mapAttempt() + " fetched by " + e.reduceAttempt(), why);
    }

    private void finished(Worker w, Finished f, long now, List<Effect> out) {
        Attempt a = owned(w, f, out);
        if (a == null) return;
        if (a.accepts(Attempt.Trigger.FINISHED_REPORTED)) {
            if (f.statusMessage() != null) a.statusMessage = f.statusMessage();
            outcomes.finished(a, f.counters(), now, out);
        } else out.add(new Effect.LogIgnored(w.id, a.id.toString(), "finished again: the attempt is already " + a.state()));
    }

    private void failed(Worker w, Failed f, long now, List<Effect> out) {
        Attempt a = owned(w, f, out);
        if (a == null) return;
        if (a.accepts(Attempt.Trigger.FAILED_REPORTED)) outcomes.failed(a, f.error(), f.badRecord(), now, out);
        else out.add(new Effect.LogIgnored(w.id, a.id.toString(), "failed after it was already " + a.state()));
    }

    private void lost(Worker w, Lost l, long now, List<Effect> out) {
        Attempt a = owned(w, l, out);
        if (a == null) return;
        if (a.accepts(Attempt.Trigger.LOST_REPORTED)) outcomes.lostReported(a, l.why(), now, out);
        else out.add(new Effect.LogIgnored(w.id, a.id.toString(), "lost after it was already " + a.state()));
    }

    private void running(Worker w, Running run, long beat, List<Effect> out) {
        Attempt a = owned(w, run, out);
        if (a == null) {
            out.add(new Effect.KillAttempt(w.id, run.attempt()));
        } else if (a.accepts(Attempt.Trigger.RUNNING_REPORTED)) {
            a.progress = Math.max(0, Math.min(1, run.progress()));
            a.task.job.progressChanged(a.task);
            a.reportedIn = beat;
            a.mapOutputsKnown = run.mapOutputsKnown();
            if (run.statusMessage() != null) a.statusMessage = run.statusMessage();
        } else if (a.state() == AttemptState.KILLED || a.state() == AttemptState.FAILED) {
            out.add(new Effect.KillAttempt(w.id, a.id)); // how a worker learns that the scheduler gave up on it
        } else {
            out.add(new Effect.LogIgnored(w.id, a.id.toString(), "reported running after it finished; it is " + a.state()));
        }
    }

    /** The reported attempt when it belongs to this incarnation of {@code w}; else logs why not and gives null. */
    private Attempt owned(Worker w, AttemptUpdate r, List<Effect> out) {
        Attempt a = jobs.attempt(r.attempt());
        if (a == null) {
            out.add(new Effect.LogIgnored(w.id, r.attempt().toString(), "no such attempt"));
            return null;
        }
        if (!a.belongsTo(w)) {
            out.add(new Effect.LogIgnored(w.id, a.id.toString(), "assigned to " + a.worker.id + " incarnation " + a.incarnation
                    + ", not to incarnation " + w.incarnation() + " of " + w.id));
            return null;
        }
        return a;
    }

    /** Why a request from this worker incarnation must be ignored, or null when it is the live one. */
    private static String staleness(Worker w, String workerId, long incarnation) {
        if (w == null) return "unknown worker " + workerId;
        if (incarnation < w.incarnation()) return "incarnation " + incarnation + " of " + workerId + " was superseded by " + w.incarnation();
        if (incarnation > w.incarnation()) return "incarnation " + incarnation + " of " + workerId + " was never issued";
        if (!w.accepts(Worker.Trigger.HEARTBEAT_RECEIVED)) return "incarnation " + incarnation + " of " + workerId + " was declared dead";
        return null;
    }
}
