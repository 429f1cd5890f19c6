package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.AttemptState.COMMITTING;
import static dev.mr.master.scheduler.AttemptState.FAILED;
import static dev.mr.master.scheduler.AttemptState.KILLED;
import static dev.mr.master.scheduler.AttemptState.SUCCEEDED;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import java.util.List;

/**
 * Carries what happens to an attempt up to its task and job, through their tables: launching,
 * winning and losing races, retry and failure limits, commits, lost map outputs, and the end of a
 * job. Callers have checked that the attempt accepts the trigger. Owned by the scheduler's thread.
 */
final class Outcomes {

    private final Jobs jobs;
    private final Workers workers;

    Outcomes(Jobs jobs, Workers workers) {
        this.jobs = jobs;
        this.workers = workers;
    }

    Attempt launch(Task t, Worker w, boolean backup, long now) {
        return launch(t, t.nextAttemptId(), w, backup, t.skipsRecords(), now);
    }

    /**
     * Takes on an attempt launched before this master's run, which {@code w} still runs (or, for
     * a task the journal names as done, ran): from here on it is one of the task's attempts.
     */
    Attempt adopt(Task t, AttemptId id, Worker w, long startTime) {
        return launch(t, id, w, false, false, startTime);
    }

    private Attempt launch(Task t, AttemptId id, Worker w, boolean backup, boolean skipMode, long now) {
        boolean local = w.isLocalTo(t.split);
        Attempt a = new Attempt(id, t, w, backup, local, skipMode, now);
        t.attempts.add(a);
        t.live++;
        if (t.startTime < 0) t.startTime = now;
        w.running.add(a);
        t.job.workersUsed.add(w.id);
        if (t.isMap()) t.job.lastMapLaunch = now;
        t.move(Task.Trigger.ATTEMPT_LAUNCHED, TaskState.RUNNING);
        return a;
    }

    /** A running attempt did its work: a map's output is ready, or the attempt asks to commit. */
    void finished(Attempt a, Counters counters, long now, List<Effect> out) {
        Task t = a.task;
        Job j = t.job;
        release(a, now);
        a.counters = counters == null ? new Counters() : counters; // reports are data: the edge never changes them
        a.progress = 1;
        j.speculator(t).completed(now - a.startTime);
        if (!t.needsCommit()) {
            a.move(Attempt.Trigger.FINISHED_REPORTED, SUCCEEDED);
            a.worker.mapOutputs.add(a);
            j.mapOutputLog.append(a.id, a.worker.address, false);
            out.add(new Effect.JournalMapOutput(a.id, a.worker.id, a.worker.address, a.startTime, now, a.counters));
            succeed(t, a, Task.Trigger.ATTEMPT_SUCCEEDED, now, out);
        } else if (t.accepts(Task.Trigger.COMMIT_REQUESTED)) {
            a.move(Attempt.Trigger.FINISHED_REPORTED, COMMITTING);
            t.committing = a;
            j.commitsInFlight++;
            t.move(Task.Trigger.COMMIT_REQUESTED, TaskState.COMMITTING);
            out.add(new Effect.CommitTask(a.id));
        } else {
            a.move(Attempt.Trigger.FINISHED_REPORTED, KILLED);
            a.error = "commit denied: " + t.committing.id + " holds the commit of " + t.id;
            j.speculator(t).update(t);
        }
    }

    /**
     * A running attempt threw, or its executor died. Counts toward the task's attempts and against
     * the worker, unless it ran in skip mode and names a record its task did not know as bad: then
     * it made progress (the next attempt skips that record), and the task's bad records count
     * toward the job's skip limit instead, which fails the job once they would exceed it.
     */
    void failed(Attempt a, String error, String badRecord, long now, List<Effect> out) {
        Task t = a.task;
        Job j = t.job;
        release(a, now);
        a.move(Attempt.Trigger.FAILED_REPORTED, FAILED);
        a.error = error;
        boolean progress = a.skipMode && badRecord != null && t.addBadRecord(badRecord);
        if (!progress) {
            t.failures++;
            t.lastError = error;
            j.workerFailed(a.worker.id);
            out.add(new Effect.JournalAttemptFailed(a.id, a.worker.id, a.startTime, now, error));
        }
        attemptLost(t, Task.Trigger.ATTEMPT_FAILED, now, out);
        if (progress && j.phase() == JobPhase.RUNNING && t.state() != TaskState.COMMITTING) {
            String over = j.skipped.overLimit(t.isMap(), t.badRecordCount());
            if (over != null) endJob(j, Job.Trigger.TASK_FAILED, over, now, out);
        }
    }

    /** The worker says a running attempt ended through no fault of its own: re-run, not counted as a failure. */
    void lostReported(Attempt a, String why, long now, List<Effect> out) {
        kill(a, Attempt.Trigger.LOST_REPORTED, why, now);
        attemptLost(a.task, Task.Trigger.ATTEMPT_KILLED, now, out);
    }

    /**
     * A running attempt is lost without its own fault, and re-run. It does not count toward the
     * task's failed attempts; when its worker died it counts toward the task's worker deaths.
     */
    void lost(Attempt a, String why, boolean workerDied, long now, List<Effect> out) {
        Task t = a.task;
        kill(a, why, now);
        if (workerDied) {
            t.workerDeaths++;
            t.lastDeath = why;
        }
        attemptLost(t, Task.Trigger.ATTEMPT_KILLED, now, out);
    }

    void commitDone(Attempt a, long now, List<Effect> out) {
        Task t = a.task;
        a.move(Attempt.Trigger.COMMIT_DONE, SUCCEEDED);
        t.committing = null;
        t.job.commitsInFlight--;
        succeed(t, a, Task.Trigger.COMMIT_DONE, now, out);
    }

    /** The edge could not commit: the attempt failed; the task runs again unless its job is ending. */
    void commitFailed(Attempt a, String error, long now, List<Effect> out) {
        Task t = a.task;
        Job j = t.job;
        a.move(Attempt.Trigger.COMMIT_FAILED, FAILED);
        a.error = "commit failed: " + error;
        out.add(new Effect.JournalAttemptFailed(a.id, a.worker.id, a.startTime, now, a.error));
        t.committing = null;
        j.commitsInFlight--;
        t.failures++;
        t.lastError = a.error;
        if (j.phase() != JobPhase.RUNNING) {
            t.finishTime = now;
            t.move(Task.Trigger.COMMIT_FAILED, TaskState.KILLED);
            settle(j, Job.Trigger.TASK_KILLED, now, out);
            return;
        }
        String reason = t.failureReason(j.settings);
        if (reason != null) {
            t.finishTime = now;
            t.move(Task.Trigger.COMMIT_FAILED, TaskState.FAILED);
            endJob(j, Job.Trigger.TASK_FAILED, reason, now, out);
        } else {
            t.move(Task.Trigger.COMMIT_FAILED, t.live > 0 ? TaskState.RUNNING : TaskState.WAITING);
        }
    }

    /**
     * The output of a successful map attempt is gone while reducers still need it: its worker
     * died ({@code fetchFailures} false: the attempt is KILLED, as in Hadoop not counted) or
     * reducers could not fetch it (the attempt FAILED and counts). The map runs again.
     */
    void outputLost(Attempt a, boolean fetchFailures, String why, long now, List<Effect> out) {
        Task t = a.task;
        Job j = t.job;
        a.worker.mapOutputs.remove(a);
        a.error = why;
        if (fetchFailures) {
            a.move(Attempt.Trigger.FETCH_FAILURE_REPORTED, FAILED);
            t.failures++;
            t.lastError = why;
            j.workerFailed(a.worker.id);
        } else {
            a.move(Attempt.Trigger.OUTPUT_LOST, KILLED);
        }
        j.mapOutputLog.append(a.id, a.worker.address, true);
        out.add(new Effect.JournalMapOutputLost(a.id));
        j.skipped.lost(a);
        t.winner = null;
        t.finishTime = -1;
        j.succeededTasks--;
        j.completedMaps--;
        j.countersRemoved();
        String reason = t.failureReason(j.settings);
        if (reason != null) {
            t.finishTime = now;
            t.move(Task.Trigger.OUTPUT_LOST, TaskState.FAILED);
            endJob(j, Job.Trigger.TASK_FAILED, reason, now, out);
        } else {
            t.move(Task.Trigger.OUTPUT_LOST, TaskState.WAITING);
            j.move(Job.Trigger.TASK_RESCHEDULED, JobPhase.RUNNING);
        }
    }

    /**
     * Ends a RUNNING job that failed or was killed: kills its running attempts and unstarted tasks,
     * then waits for task commits in flight (if any) before aborting its output.
     */
    void endJob(Job j, Job.Trigger trigger, String diagnostics, long now, List<Effect> out) {
        boolean kill = trigger == Job.Trigger.KILL_REQUESTED;
        j.diagnostics = diagnostics;
        jobs.stopped(j);
        String why = "job " + j.id + (kill ? " was killed" : " failed");
        for (Task[] tasks : new Task[][] {j.maps, j.reduces}) {
            for (Task t : tasks) {
                for (Attempt a : t.attempts) if (a.isRunning()) kill(a, why, now);
                if (t.accepts(Task.Trigger.JOB_ENDED)) {
                    t.finishTime = now;
                    t.move(Task.Trigger.JOB_ENDED, TaskState.KILLED);
                }
            }
        }
        JobPhase to = j.commitsInFlight > 0 ? (kill ? JobPhase.KILL_WAIT : JobPhase.FAIL_WAIT) : (kill ? JobPhase.KILLED : JobPhase.FAILED);
        j.move(trigger, to);
        if (to.isFinal()) finish(j, now, out);
    }

    void jobCommitted(Job j, long now, List<Effect> out) {
        j.move(Job.Trigger.JOB_COMMIT_DONE, JobPhase.SUCCEEDED);
        finish(j, now, out);
    }

    void jobCommitFailed(Job j, String error, long now, List<Effect> out) {
        j.diagnostics = "job commit failed: " + error;
        j.move(Job.Trigger.JOB_COMMIT_FAILED, JobPhase.FAILED);
        finish(j, now, out);
    }

    /** A job with no tasks at all has nothing to wait for. */
    void submitted(Job j, List<Effect> out) {
        if (j.taskCount() == 0) allSucceeded(j, out);
    }

    private void succeed(Task t, Attempt a, Task.Trigger trigger, long now, List<Effect> out) {
        Job j = t.job;
        t.winner = a;
        t.finishTime = now;
        t.move(trigger, TaskState.SUCCEEDED);
        for (Attempt other : t.attempts) {
            if (other != a && other.isRunning()) kill(other, "lost the race to " + a.id, now);
        }
        j.succeededTasks++;
        if (t.isMap()) j.completedMaps++;
        else j.succeededReduces++;
        j.countersAdded(a);
        j.skipped.won(a);
        if (j.phase() != JobPhase.RUNNING) {
            settle(j, Job.Trigger.TASK_SUCCEEDED, now, out);
            return;
        }
        j.move(Job.Trigger.TASK_SUCCEEDED, JobPhase.RUNNING);
        String overSkipped = SkippedRecords.of(a) > 0 ? j.skipped.overLimit(t.isMap(), 0) : null;
        if (overSkipped != null) endJob(j, Job.Trigger.TASK_FAILED, overSkipped, now, out);
        else if (j.succeededTasks == j.taskCount()) allSucceeded(j, out);
    }

    private void allSucceeded(Job j, List<Effect> out) {
        j.move(Job.Trigger.ALL_TASKS_SUCCEEDED, JobPhase.COMMITTING);
        jobs.stopped(j);
        out.add(new Effect.CommitJob(j.id, j.skippedByUncommittedMaps()));
    }

    private void attemptLost(Task t, Task.Trigger trigger, long now, List<Effect> out) {
        if (t.state() == TaskState.COMMITTING) {
            t.move(trigger, TaskState.COMMITTING);
            return;
        }
        String reason = t.failureReason(t.job.settings);
        if (reason != null) {
            t.finishTime = now;
            t.move(trigger, TaskState.FAILED);
            endJob(t.job, Job.Trigger.TASK_FAILED, reason, now, out);
        } else {
            t.move(trigger, t.live > 0 ? TaskState.RUNNING : TaskState.WAITING);
        }
    }

    /** In FAIL_WAIT or KILL_WAIT: a task commit settled; end the job once none is in flight. */
    private void settle(Job j, Job.Trigger trigger, long now, List<Effect> out) {
        JobPhase to = j.commitsInFlight > 0 ? j.phase() : j.phase() == JobPhase.KILL_WAIT ? JobPhase.KILLED : JobPhase.FAILED;
        j.move(trigger, to);
        if (to.isFinal()) finish(j, now, out);
    }

    private void finish(Job j, long now, List<Effect> out) {
        j.finishTime = now;
        if (j.phase() != JobPhase.SUCCEEDED) out.add(new Effect.AbortJob(j.id));
        for (String id : j.workersUsed) {
            Worker w = workers.get(id);
            if (w != null && w.isAlive()) w.cleanups.add(j.id);
        }
    }

    private void kill(Attempt a, String why, long now) {
        kill(a, Attempt.Trigger.KILL_ORDERED, why, now);
    }

    private void kill(Attempt a, Attempt.Trigger trigger, String why, long now) {
        release(a, now);
        a.move(trigger, KILLED);
        a.error = why;
        a.task.job.speculator(a.task).update(a.task);
    }

    /** The attempt stops occupying its worker's slot; the caller moves it out of RUNNING next. */
    private static void release(Attempt a, long now) {
        a.worker.running.remove(a);
        a.task.live--;
        a.finishTime = now;
    }
}
