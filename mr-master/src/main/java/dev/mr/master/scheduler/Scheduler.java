package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.master.scheduler.Event.FetchFailureReported;
import dev.mr.master.scheduler.Event.HeartbeatReceived;
import dev.mr.master.scheduler.Event.JobCommitFailed;
import dev.mr.master.scheduler.Event.JobCommitFinished;
import dev.mr.master.scheduler.Event.JobKillRequested;
import dev.mr.master.scheduler.Event.JobResumed;
import dev.mr.master.scheduler.Event.JobRetired;
import dev.mr.master.scheduler.Event.JobSubmitted;
import dev.mr.master.scheduler.Event.TaskCommitFailed;
import dev.mr.master.scheduler.Event.TaskCommitFinished;
import dev.mr.master.scheduler.Event.Ticked;
import dev.mr.master.scheduler.Event.WorkerRegistered;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The master's scheduler: a pure state machine. The edge feeds it {@link Event}s, each with the
 * time it happened, and carries out the {@link Effect}s it returns; nothing here reads a clock,
 * touches a socket or the disk, starts a thread or draws a random number, and every decision
 * iterates ordered collections, so the same events always give the same effects and state (the
 * master recovers by replaying its journal of events). Event times are taken as non-decreasing; a
 * time earlier than the last one seen counts as the last one.
 *
 * <pre>{@code
 * Scheduler s = new Scheduler(SchedulerSettings.defaults());
 * s.on(new Event.WorkerRegistered(0, "w1", "host1", "http://host1:7070", 2));   // [AcceptWorker(w1, 1)]
 * s.on(new Event.JobSubmitted(5, "job_0001", JobSettings.defaults(),
 *         List.of(new MapSplit(0, 64 << 20, List.of("host1"))), 1));
 * s.on(new Event.HeartbeatReceived(1000, "w1", 1, 2, List.of()));
 *     // [AssignAttempt(w1, job_0001_m_000000_0, dataLocal=true, backup=false)]
 * }</pre>
 *
 * <p>The per-entity transition tables are in {@link Job}, {@link Task}, {@link Attempt} and
 * {@link Worker}. Not thread-safe: one thread (the master's scheduler loop) owns it, including
 * the read-only queries, which return snapshots.
 */
public final class Scheduler {

    private final Jobs jobs = new Jobs();
    private final Workers workers = new Workers();
    private final Outcomes outcomes;
    private final Liveness liveness;
    private final Heartbeats heartbeats;
    private final Resumption resumption;
    private long now = Long.MIN_VALUE;

    public Scheduler(SchedulerSettings settings) {
        this.outcomes = new Outcomes(jobs, workers);
        this.resumption = new Resumption(jobs, workers, outcomes);
        this.liveness = new Liveness(settings, workers, outcomes, resumption);
        this.heartbeats = new Heartbeats(jobs, workers, outcomes, new Assigner(jobs, workers, outcomes));
    }

    /**
     * Takes one event and returns what to do, in order. Throws {@link IllegalArgumentException} for
     * an event the edge should never have sent (a duplicate job id, a malformed job) without
     * changing any state, and {@link IllegalStateException} for a bug in the scheduler's tables.
     */
    public List<Effect> on(Event event) {
        if (event instanceof JobSubmitted e) validate(e.jobId(), e.reduces(), e.splits());
        if (event instanceof JobResumed e) {
            validate(e.jobId(), e.reduces(), e.splits());
            Resumption.validate(e);
        }
        now = Math.max(now, event.nowMillis());
        List<Effect> out = new ArrayList<>();
        if (event instanceof HeartbeatReceived e) heartbeats.received(e, now, out);
        else if (event instanceof Ticked) liveness.ticked(now, out);
        else if (event instanceof WorkerRegistered e) liveness.registered(e, now, out);
        else if (event instanceof FetchFailureReported e) heartbeats.fetchFailed(e, now, out);
        else if (event instanceof TaskCommitFinished e) taskCommitFinished(e, out);
        else if (event instanceof TaskCommitFailed e) taskCommitFailed(e, out);
        else if (event instanceof JobSubmitted e) submitted(e, out);
        else if (event instanceof JobResumed e) resumption.resumed(e, now, out);
        else if (event instanceof JobKillRequested e) killRequested(e, out);
        else if (event instanceof JobRetired e) retired(e, out);
        else if (event instanceof JobCommitFinished e) jobCommitFinished(e, out);
        else if (event instanceof JobCommitFailed e) jobCommitFailed(e, out);
        else throw new IllegalArgumentException("unknown event " + event);
        return out;
    }

    /** The time of the latest event. */
    public long now() {
        return now;
    }

    // ---- queries (snapshots)

    /** Every job, in submission order. */
    public List<JobStatus> jobs() {
        List<JobStatus> out = new ArrayList<>();
        for (Job j : jobs.all()) out.add(JobStatus.of(j));
        return out;
    }

    public Optional<JobStatus> job(String jobId) {
        Job j = jobs.get(jobId);
        return j == null ? Optional.empty() : Optional.of(JobStatus.of(j));
    }

    /** A job's tasks, maps then reduces, each with its attempts; empty for an unknown job. */
    public List<TaskStatus> tasks(String jobId) {
        Job j = jobs.get(jobId);
        List<TaskStatus> out = new ArrayList<>();
        if (j == null) return out;
        for (Task t : j.maps) out.add(TaskStatus.of(t));
        for (Task t : j.reduces) out.add(TaskStatus.of(t));
        return out;
    }

    /**
     * A job's tasks as light summaries, maps then reduces: what the web page sorts, sums up and
     * draws for jobs too large to snapshot whole with {@link #tasks}; empty for an unknown job.
     */
    public List<TaskSummary> taskSummaries(String jobId) {
        Job j = jobs.get(jobId);
        List<TaskSummary> out = new ArrayList<>();
        if (j == null) return out;
        for (Task t : j.maps) out.add(TaskSummary.of(t));
        for (Task t : j.reduces) out.add(TaskSummary.of(t));
        return out;
    }

    public Optional<TaskStatus> task(TaskId id) {
        Job j = jobs.get(id.jobId());
        Task t = j == null ? null : j.task(id);
        return t == null ? Optional.empty() : Optional.of(TaskStatus.of(t));
    }

    public Optional<AttemptStatus> attempt(AttemptId id) {
        Attempt a = jobs.attempt(id);
        return a == null ? Optional.empty() : Optional.of(AttemptStatus.of(a));
    }

    /** Every worker ever registered, by id, with its current incarnation. */
    public List<WorkerStatus> workers() {
        List<WorkerStatus> out = new ArrayList<>();
        for (Worker w : workers.all()) out.add(WorkerStatus.of(w, jobs, workers));
        return out;
    }

    public Optional<WorkerStatus> worker(String workerId) {
        Worker w = workers.get(workerId);
        return w == null ? Optional.empty() : Optional.of(WorkerStatus.of(w, jobs, workers));
    }

    // ---- job-level events

    private void validate(String jobId, int reduces, List<MapSplit> splits) {
        if (jobs.get(jobId) != null) throw new IllegalArgumentException("job " + jobId + " was already submitted");
        if (reduces < 0) throw new IllegalArgumentException("job " + jobId + " has " + reduces + " reduces");
        for (int i = 0; i < splits.size(); i++) {
            if (splits.get(i).index() != i) {
                throw new IllegalArgumentException("job " + jobId + ": split " + i + " has index " + splits.get(i).index());
            }
        }
    }

    private void submitted(JobSubmitted e, List<Effect> out) {
        Job j = new Job(e.jobId(), e.settings(), e.splits(), e.reduces(), now);
        jobs.add(j);
        outcomes.submitted(j, out);
    }

    private void killRequested(JobKillRequested e, List<Effect> out) {
        Job j = jobs.get(e.jobId());
        if (j == null) out.add(new Effect.LogIgnored("user", e.jobId(), "no such job"));
        else if (!j.accepts(Job.Trigger.KILL_REQUESTED)) out.add(new Effect.LogIgnored("user", j.id, "kill of a job that is " + j.phase()));
        else outcomes.endJob(j, Job.Trigger.KILL_REQUESTED, "killed on request", now, out);
    }

    private void retired(JobRetired e, List<Effect> out) {
        Job j = jobs.get(e.jobId());
        if (j == null) {
            out.add(new Effect.LogIgnored("master", e.jobId(), "retiring an unknown job"));
            return;
        }
        if (!j.phase().isFinal()) throw new IllegalArgumentException("job " + j.id + " is " + j.phase() + "; only an ended job is retired");
        jobs.remove(j);
        for (Worker w : workers.all()) w.forget(j);
    }

    private void taskCommitFinished(TaskCommitFinished e, List<Effect> out) {
        Attempt a = committable(e.attempt(), Attempt.Trigger.COMMIT_DONE, out);
        if (a != null) outcomes.commitDone(a, now, out);
    }

    private void taskCommitFailed(TaskCommitFailed e, List<Effect> out) {
        Attempt a = committable(e.attempt(), Attempt.Trigger.COMMIT_FAILED, out);
        if (a != null) outcomes.commitFailed(a, e.error(), now, out);
    }

    private Attempt committable(AttemptId id, Attempt.Trigger t, List<Effect> out) {
        Attempt a = jobs.attempt(id);
        if (a == null) {
            out.add(new Effect.LogIgnored("commit", id.toString(), "no such attempt"));
            return null;
        }
        if (!a.accepts(t)) {
            out.add(new Effect.LogIgnored("commit", id.toString(), "commit report for an attempt that is " + a.state()));
            return null;
        }
        return a;
    }

    private void jobCommitFinished(JobCommitFinished e, List<Effect> out) {
        Job j = committableJob(e.jobId(), Job.Trigger.JOB_COMMIT_DONE, out);
        if (j != null) outcomes.jobCommitted(j, now, out);
    }

    private void jobCommitFailed(JobCommitFailed e, List<Effect> out) {
        Job j = committableJob(e.jobId(), Job.Trigger.JOB_COMMIT_FAILED, out);
        if (j != null) outcomes.jobCommitFailed(j, e.error(), now, out);
    }

    private Job committableJob(String jobId, Job.Trigger t, List<Effect> out) {
        Job j = jobs.get(jobId);
        if (j == null) {
            out.add(new Effect.LogIgnored("commit", jobId, "no such job"));
            return null;
        }
        if (!j.accepts(t)) {
            out.add(new Effect.LogIgnored("commit", jobId, "job commit report for a job that is " + j.phase()));
            return null;
        }
        return j;
    }
}
