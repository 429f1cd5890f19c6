package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.TaskCounter;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.master.scheduler.Effect.AssignAttempt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What must hold after every event, checked from the outside (effects and queries only):
 * at most one committed attempt per task and never two commits in flight; no assignment to a dead,
 * stale or excluded worker, nor beyond its slots, nor of a reduce before slow-start; effects for a
 * worker only in answer to its own request; a job SUCCEEDED exactly when every task committed and
 * it was committed once; a failed or killed job aborted once, with no commit in flight; a job's
 * counters the sum over exactly one successful attempt per task; final states final. Skip mode:
 * an attempt runs in it exactly when its task failed often enough in a job that may skip, told its
 * task's bad records; a succeeded job skipped no more than its limit; the job commit publishes the
 * skipped records of exactly the winning maps that skipped some and never committed. Locality: a
 * map attempt is data-local exactly when its split names its worker by one of the names the worker
 * registered (its host, its host names and addresses; case aside), and a map goes elsewhere only
 * when none of its job's waiting maps is local to that worker.
 */
final class Invariants {

    private final Scheduler scheduler;
    private final Map<String, JobSettings> settings = new HashMap<>();
    private final Map<TaskId, AttemptId> committed = new HashMap<>();
    private final Map<TaskId, AttemptId> commitsInFlight = new HashMap<>();
    private final Map<String, Integer> jobCommits = new HashMap<>();
    private final Map<String, Integer> jobAborts = new HashMap<>();
    private final Set<String> jobCommitConfirmed = new HashSet<>();
    private final Set<AttemptId> assignedEver = new HashSet<>();
    private final TreeMap<String, JobPhase> phases = new TreeMap<>();
    /** What each attempt that finished its work skipped, as the simulated workers reported. */
    private final Map<AttemptId, Long> skippedBy = new HashMap<>();
    /** Per job, the maps whose split names each host (lower case). */
    private final Map<String, Map<String, List<Integer>>> mapsByHost = new HashMap<>();
    private final Map<String, List<MapSplit>> splits = new HashMap<>();
    /** The names each worker's latest registration gave (lower case). */
    private final Map<String, Set<String>> names = new HashMap<>();
    int assignments;
    int localMaps;
    int backups;
    int skipModeAssignments;
    int ignored;

    Invariants(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void submitted(String jobId, JobSettings s, List<MapSplit> jobSplits) {
        settings.put(jobId, s);
        splits.put(jobId, List.copyOf(jobSplits));
        Map<String, List<Integer>> byHost = new HashMap<>();
        for (MapSplit split : jobSplits) {
            for (String h : split.hosts()) byHost.computeIfAbsent(h.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(split.index());
        }
        mapsByHost.put(jobId, byHost);
    }

    /** What each simulated attempt reports: one ATTEMPTS, and a checksum of its id. */
    static Counters countersOf(AttemptId a) {
        return new Counters().increment("sim", "ATTEMPTS", 1).increment("sim", "CHECK", a.toString().hashCode() & 0xffff);
    }

    /** As {@link #countersOf(AttemptId)}, with the records it skipped when there are any. */
    static Counters countersOf(AttemptId a, long skipped) {
        Counters c = countersOf(a);
        return skipped > 0 ? c.increment(TaskCounter.SKIPPED_RECORDS, skipped) : c;
    }

    /** A simulated attempt finished its work having skipped {@code n} records. */
    void skipped(AttemptId a, long n) {
        skippedBy.put(a, n);
    }

    private long skippedBy(AttemptId a) {
        return skippedBy.getOrDefault(a, 0L);
    }

    void after(Event e, List<Effect> out) {
        String requester = requester(e);
        if (e instanceof Event.WorkerRegistered r) {
            Set<String> all = new HashSet<>();
            all.add(r.host().toLowerCase(Locale.ROOT));
            for (String n : r.hostNames()) all.add(n.toLowerCase(Locale.ROOT));
            names.put(r.workerId(), all);
        }
        Set<String> touched = new TreeSet<>();
        Map<String, JobStatus> jobs = new HashMap<>();
        boolean workerLost = false;
        if (e instanceof Event.TaskCommitFinished f && f.attempt().equals(commitsInFlight.get(f.attempt().task()))) {
            commitsInFlight.remove(f.attempt().task());
            check(committed.put(f.attempt().task(), f.attempt()) == null, () -> "second commit of " + f.attempt().task());
            touched.add(f.attempt().task().jobId());
        }
        if (e instanceof Event.TaskCommitFailed f && f.attempt().equals(commitsInFlight.get(f.attempt().task()))) {
            commitsInFlight.remove(f.attempt().task());
            touched.add(f.attempt().task().jobId());
        }
        for (Effect x : out) {
            if (x instanceof Effect.ToWorker w) {
                check(w.workerId().equals(requester), () -> "effect " + x + " does not answer " + e);
            }
            if (x instanceof AssignAttempt a) assigned(e, a, jobs);
            else if (x instanceof Effect.CommitTask c) {
                TaskId t = c.attempt().task();
                check(!committed.containsKey(t), () -> "commit of " + c.attempt() + " after " + committed.get(t) + " committed");
                check(!commitsInFlight.containsKey(t), () -> "commit of " + c.attempt() + " while " + commitsInFlight.get(t) + " commits");
                commitsInFlight.put(t, c.attempt());
                touched.add(t.jobId());
            } else if (x instanceof Effect.CommitJob c) {
                check(jobCommits.merge(c.jobId(), 1, Integer::sum) == 1, () -> "job " + c.jobId() + " committed twice");
                List<AttemptId> expected = skippedByUncommittedMaps(c.jobId());
                check(c.skippedMaps().equals(expected), () -> "job " + c.jobId() + " commit publishes the skipped records of "
                        + c.skippedMaps() + ", not of " + expected);
                touched.add(c.jobId());
            } else if (x instanceof Effect.AbortJob a) {
                check(jobAborts.merge(a.jobId(), 1, Integer::sum) == 1, () -> "job " + a.jobId() + " aborted twice");
                check(commitsInFlight.keySet().stream().noneMatch(t -> t.jobId().equals(a.jobId())),
                        () -> "job " + a.jobId() + " aborted with a task commit in flight");
                touched.add(a.jobId());
            } else if (x instanceof Effect.LogWorkerLost) {
                workerLost = true;
            } else if (x instanceof Effect.LogIgnored) {
                ignored++;
            }
        }
        if (e instanceof Event.JobCommitFinished f && jobCommits.getOrDefault(f.jobId(), 0) == 1) {
            if (jobCommitConfirmed.add(f.jobId())) touched.add(f.jobId());
        }
        if (e instanceof Event.JobCommitFailed f) touched.add(f.jobId());
        if (e instanceof Event.JobKillRequested k) touched.add(k.jobId());
        if (e instanceof Event.HeartbeatReceived h) {
            for (AttemptUpdate r : h.reports()) if (!(r instanceof AttemptUpdate.Running)) touched.add(r.attempt().task().jobId());
            scheduler.worker(h.workerId()).ifPresent(w ->
                    check(w.running().size() <= w.slots(), () -> "worker " + w.workerId() + " runs " + w.running() + " on " + w.slots() + " slots"));
        }
        if (e instanceof Event.FetchFailureReported f) touched.add(f.mapAttempt().task().jobId());
        if (e instanceof Event.JobSubmitted s) touched.add(s.jobId());
        if (workerLost) {
            for (Map.Entry<String, JobPhase> p : phases.entrySet()) if (!p.getValue().isFinal()) touched.add(p.getKey());
        }
        for (String job : touched) phaseChecks(job, jobs.computeIfAbsent(job, j -> scheduler.job(j).orElse(null)), out);
    }

    private void assigned(Event e, AssignAttempt a, Map<String, JobStatus> jobs) {
        assignments++;
        if (a.backup()) backups++;
        if (a.skipMode()) skipModeAssignments++;
        check(assignedEver.add(a.attempt()), () -> "attempt " + a.attempt() + " assigned twice");
        check(e instanceof Event.HeartbeatReceived, () -> "assignment outside a heartbeat: " + e);
        Event.HeartbeatReceived h = (Event.HeartbeatReceived) e;
        WorkerStatus w = scheduler.worker(a.workerId()).orElseThrow();
        check(w.state() == WorkerState.ALIVE && w.incarnation() == h.incarnation(), () -> "assignment to " + w);
        String job = a.attempt().task().jobId();
        check(!w.excludedFrom().contains(job), () -> "assignment of " + a.attempt() + " to excluded " + w.workerId());
        JobStatus j = jobs.computeIfAbsent(job, x -> scheduler.job(x).orElseThrow());
        check(j.phase() == JobPhase.RUNNING, () -> "assignment of " + a.attempt() + " in a job that is " + j.phase());
        if (!a.attempt().task().map()) {
            int needed = (int) Math.ceil(settings.get(job).reduceSlowstart() * j.maps());
            check(j.completedMaps() >= needed, () -> "reduce " + a.attempt() + " started with " + j.completedMaps() + " of " + j.maps() + " maps");
        }
        AttemptStatus s = scheduler.attempt(a.attempt()).orElseThrow();
        check(s.backup() == a.backup() && s.workerId().equals(a.workerId()) && s.skipMode() == a.skipMode(),
                () -> "attempt status disagrees with " + a);
        TaskStatus t = scheduler.task(a.attempt().task()).orElseThrow();
        JobSettings js = settings.get(job);
        boolean skip = t.failedAttempts() >= js.skipStartAttempts() && js.skipLimit(a.attempt().task().map()) > 0;
        check(a.skipMode() == skip, () -> "assignment " + a + " after " + t.failedAttempts() + " failures with skip limit "
                + js.skipLimit(a.attempt().task().map()));
        check(a.skipRecords().equals(skip ? t.badRecords() : List.of()), () -> "assignment " + a + " but the task's bad records are " + t.badRecords());
        if (a.attempt().task().map()) mapPlaced(a, s);
    }

    /** The locality rule, for the split, the flag, and the choice (checked after the event: waiting maps only leave WAITING within it). */
    private void mapPlaced(AssignAttempt a, AttemptStatus s) {
        String job = a.attempt().task().jobId();
        Set<String> known = names.getOrDefault(a.workerId(), Set.of());
        MapSplit split = splits.get(job).get(a.attempt().task().index());
        boolean local = split.hosts().stream().anyMatch(h -> known.contains(h.toLowerCase(Locale.ROOT)));
        check(a.dataLocal() == local && s.dataLocal() == local, () -> "assignment " + a + " (attempt data-local " + s.dataLocal() + ") of a split on "
                + split.hosts() + " to a worker known as " + known);
        if (local) {
            localMaps++;
            return;
        }
        Map<String, List<Integer>> byHost = mapsByHost.get(job);
        for (String name : known) {
            for (int m : byHost.getOrDefault(name, List.of())) {
                TaskStatus waiting = scheduler.task(TaskId.map(job, m)).orElseThrow();
                check(waiting.state() != TaskState.WAITING, () -> "assignment " + a + " away from its split's hosts while map " + m
                        + ", local to " + a.workerId() + ", waits");
            }
        }
    }

    /** The winning map attempts of a job with reduces that skipped records, in task order. */
    private List<AttemptId> skippedByUncommittedMaps(String jobId) {
        List<AttemptId> out = new ArrayList<>();
        if (scheduler.job(jobId).orElseThrow().reduces() == 0) return out;
        for (TaskStatus t : scheduler.tasks(jobId)) {
            if (t.taskId().map() && t.successfulAttempt() != null && skippedBy(t.successfulAttempt()) > 0) out.add(t.successfulAttempt());
        }
        return out;
    }

    private void phaseChecks(String jobId, JobStatus j, List<Effect> out) {
        if (j == null) return;
        JobPhase before = phases.put(jobId, j.phase());
        if (before != null && before.isFinal()) check(before == j.phase(), () -> "job " + jobId + " left final " + before + " for " + j.phase());
        if (before == j.phase()) {
            if (j.phase() == JobPhase.COMMITTING || jobCommitConfirmed.contains(jobId)) {
                check(!jobCommitConfirmed.contains(jobId) || j.phase() == JobPhase.SUCCEEDED, () -> "job " + jobId + " confirmed but " + j.phase());
            }
            return;
        }
        switch (j.phase()) {
            case COMMITTING -> {
                check(jobCommits.getOrDefault(jobId, 0) == 1, () -> "job " + jobId + " committing without a CommitJob");
                allTasksCommitted(jobId, j);
            }
            case SUCCEEDED -> {
                check(jobCommits.getOrDefault(jobId, 0) == 1 && jobCommitConfirmed.contains(jobId), () -> "job " + jobId + " succeeded uncommitted");
                check(jobAborts.getOrDefault(jobId, 0) == 0, () -> "succeeded job " + jobId + " was aborted");
                allTasksCommitted(jobId, j);
                countersAddUp(jobId, j);
                long skipped = j.counters().get(TaskCounter.SKIPPED_RECORDS);
                check(skipped <= settings.get(jobId).skipMapRecordsMax(), () -> "job " + jobId + " succeeded having skipped " + skipped
                        + " records, more than its limit " + settings.get(jobId).skipMapRecordsMax());
            }
            case FAILED, KILLED -> {
                check(jobAborts.getOrDefault(jobId, 0) == 1 && out.contains(new Effect.AbortJob(jobId)), () -> "job " + jobId + " ended unaborted");
                check(!jobCommitConfirmed.contains(jobId), () -> "job " + jobId + " ended " + j.phase() + " after its commit was confirmed");
                countersAddUp(jobId, j);
            }
            default -> { }
        }
    }

    private void allTasksCommitted(String jobId, JobStatus j) {
        for (TaskStatus t : scheduler.tasks(jobId)) {
            check(t.state() == TaskState.SUCCEEDED && t.successfulAttempt() != null, () -> "job " + jobId + " done with " + t.taskId() + " " + t.state());
            boolean needsCommit = !t.taskId().map() || j.reduces() == 0;
            if (needsCommit) {
                check(t.successfulAttempt().equals(committed.get(t.taskId())),
                        () -> t.taskId() + " succeeded with " + t.successfulAttempt() + " but " + committed.get(t.taskId()) + " committed");
            }
        }
    }

    private void countersAddUp(String jobId, JobStatus j) {
        Counters expected = new Counters();
        for (TaskStatus t : scheduler.tasks(jobId)) {
            long successes = t.attempts().stream().filter(a -> a.state() == AttemptState.SUCCEEDED).count();
            check(successes <= 1, () -> t.taskId() + " has " + successes + " successful attempts");
            boolean needsCommit = !t.taskId().map() || j.reduces() == 0;
            long committing = t.attempts().stream().filter(a -> a.state() == AttemptState.COMMITTING).count();
            check(committing == 0 || j.phase() != JobPhase.SUCCEEDED, () -> t.taskId() + " still committing in a succeeded job");
            if (t.successfulAttempt() != null) {
                expected.addAll(countersOf(t.successfulAttempt(), skippedBy(t.successfulAttempt())));
                if (needsCommit) check(t.successfulAttempt().equals(committed.get(t.taskId())), () -> t.taskId() + " counts an uncommitted attempt");
            }
        }
        check(expected.equals(j.counters()), () -> "job " + jobId + " counters " + j.counters() + " but its successful attempts add up to " + expected);
    }

    /** Jobs that have not ended, with their phase, as last checked (every phase change is checked). */
    Map<String, JobPhase> unfinished() {
        Map<String, JobPhase> out = new TreeMap<>();
        for (Map.Entry<String, JobPhase> p : phases.entrySet()) if (!p.getValue().isFinal()) out.put(p.getKey(), p.getValue());
        return out;
    }

    /** At the end of a run: the phases checked along the way are the scheduler's. */
    void agreeWithScheduler() {
        for (JobStatus j : scheduler.jobs()) check(j.phase() == phases.get(j.jobId()), () -> "job " + j.jobId() + " is " + j.phase() + ", last seen " + phases.get(j.jobId()));
    }

    Set<String> ended(JobPhase phase) {
        Set<String> out = new LinkedHashSet<>();
        for (JobStatus j : scheduler.jobs()) if (j.phase() == phase) out.add(j.jobId());
        return out;
    }

    private static String requester(Event e) {
        if (e instanceof Event.HeartbeatReceived h) return h.workerId();
        if (e instanceof Event.WorkerRegistered r) return r.workerId();
        if (e instanceof Event.FetchFailureReported f) return f.workerId();
        return null;
    }

    private static void check(boolean ok, Supplier<String> what) {
        if (!ok) throw new AssertionError("invariant broken: " + what.get());
    }
}
