package dev.mr.master.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.master.scheduler.AttemptUpdate.Failed;
import dev.mr.master.scheduler.AttemptUpdate.Finished;
import dev.mr.master.scheduler.AttemptUpdate.Running;
import dev.mr.master.scheduler.Effect.AssignAttempt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives a {@link Scheduler} with a manual clock and a model of what each worker runs, so that a
 * test reads as a story: a heartbeat reports every attempt its worker still runs (unless the test
 * says otherwise), and assignments and kill orders in the answers update the model.
 */
final class Harness {

    final Scheduler scheduler;
    long now;
    List<Effect> last = List.of();
    private final Map<String, Long> incarnations = new TreeMap<>();
    private final Map<String, Integer> slots = new TreeMap<>();
    private final Map<String, LinkedHashSet<AttemptId>> running = new TreeMap<>();

    Harness() {
        this(SchedulerSettings.defaults());
    }

    Harness(SchedulerSettings settings) {
        this.scheduler = new Scheduler(settings);
    }

    static JobSettings settings(String... keyValues) {
        Configuration c = new Configuration();
        for (int i = 0; i < keyValues.length; i += 2) c.set(keyValues[i], keyValues[i + 1]);
        return JobSettings.from(c);
    }

    List<Effect> on(Event e) {
        last = scheduler.on(e);
        return last;
    }

    long register(String worker, String host, int slotCount) {
        return register(worker, host, List.of(), slotCount);
    }

    /** Registers a worker whose machine also goes by {@code hostNames} (host names, addresses). */
    long register(String worker, String host, List<String> hostNames, int slotCount) {
        List<Effect> out = on(new Event.WorkerRegistered(now, worker, host, "http://" + worker, slotCount, List.of(), List.of(), hostNames));
        long inc = only(out, Effect.AcceptWorker.class).get(0).incarnation();
        incarnations.put(worker, inc);
        slots.put(worker, slotCount);
        running.put(worker, new LinkedHashSet<>());
        return inc;
    }

    long incarnation(String worker) {
        return incarnations.get(worker);
    }

    /** Submits a job whose map {@code i} has a replica on each host of {@code hosts.get(i)}. */
    void submit(String jobId, JobSettings s, int reduces, List<List<String>> hosts) {
        List<MapSplit> splits = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) splits.add(new MapSplit(i, 1000, hosts.get(i)));
        on(new Event.JobSubmitted(now, jobId, s, splits, reduces));
    }

    /** A job of {@code maps} maps with no replica on any worker's host. */
    void submit(String jobId, JobSettings s, int maps, int reduces) {
        List<List<String>> hosts = new ArrayList<>();
        for (int i = 0; i < maps; i++) hosts.add(List.of());
        submit(jobId, s, reduces, hosts);
    }

    void submit(String jobId, int maps, int reduces) {
        submit(jobId, JobSettings.defaults(), maps, reduces);
    }

    /**
     * A heartbeat with the given reports, plus a Running report for every other attempt the worker
     * runs, offering all its free slots.
     */
    List<Effect> heartbeat(String worker, AttemptUpdate... reports) {
        LinkedHashSet<AttemptId> runs = new LinkedHashSet<>(running.get(worker));
        for (AttemptUpdate r : reports) if (!(r instanceof Running)) runs.remove(r.attempt());
        return heartbeat(worker, slots.get(worker) - runs.size(), reports);
    }

    List<Effect> heartbeat(String worker, int freeSlots, AttemptUpdate... reports) {
        LinkedHashSet<AttemptId> runs = running.get(worker);
        List<AttemptUpdate> all = new ArrayList<>(List.of(reports));
        for (AttemptUpdate r : reports) if (!(r instanceof Running)) runs.remove(r.attempt());
        for (AttemptId a : runs) {
            if (all.stream().noneMatch(r -> r.attempt().equals(a))) all.add(new Running(a, 0.5, 0));
        }
        List<Effect> out = rawHeartbeat(worker, incarnations.get(worker), freeSlots, all);
        for (Effect e : out) {
            if (e instanceof AssignAttempt a) runs.add(a.attempt());
            if (e instanceof Effect.KillAttempt k) runs.remove(k.attempt());
            if (e instanceof Effect.Reregister) runs.clear();
        }
        return out;
    }

    /** Exactly these reports, nothing added, the model untouched. */
    List<Effect> rawHeartbeat(String worker, long incarnation, int freeSlots, List<AttemptUpdate> reports) {
        return on(new Event.HeartbeatReceived(now, worker, incarnation, freeSlots, reports));
    }

    /** What the model says the worker runs. */
    List<AttemptId> runs(String worker) {
        return List.copyOf(running.get(worker));
    }

    static Finished finished(AttemptId a) {
        return new Finished(a, counters(a));
    }

    /** What an attempt reports: one ATTEMPTS and its task index as INDEX, so sums show which attempts counted. */
    static Counters counters(AttemptId a) {
        return new Counters().increment("test", "ATTEMPTS", 1).increment("test", "INDEX", a.task().index());
    }

    static Failed failed(AttemptId a, String error) {
        return new Failed(a, error);
    }

    /** A failure that names the record the attempt died on, as a skip-mode attempt's executor death does. */
    static Failed failedOn(AttemptId a, String badRecord) {
        return new Failed(a, "executor died reading " + badRecord, badRecord);
    }

    /** Finished, having skipped {@code skipped} records. */
    static Finished finishedSkipping(AttemptId a, long skipped) {
        return new Finished(a, counters(a).increment(dev.mr.api.TaskCounter.SKIPPED_RECORDS, skipped));
    }

    List<Effect> commitDone(AttemptId a) {
        return on(new Event.TaskCommitFinished(now, a));
    }

    List<Effect> jobCommitDone(String jobId) {
        return on(new Event.JobCommitFinished(now, jobId));
    }

    List<Effect> tick() {
        return on(new Event.Ticked(now));
    }

    void advance(long ms) {
        now += ms;
    }

    JobStatus job(String jobId) {
        return scheduler.job(jobId).orElseThrow();
    }

    TaskStatus task(TaskId id) {
        return scheduler.task(id).orElseThrow();
    }

    AttemptStatus attempt(AttemptId id) {
        return scheduler.attempt(id).orElseThrow();
    }

    WorkerStatus worker(String id) {
        return scheduler.worker(id).orElseThrow();
    }

    static <T extends Effect> List<T> only(List<Effect> effects, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Effect e : effects) if (type.isInstance(e)) out.add(type.cast(e));
        return out;
    }

    static List<AttemptId> assigned(List<Effect> effects) {
        return only(effects, AssignAttempt.class).stream().map(AssignAttempt::attempt).toList();
    }

    /** The one attempt assigned in {@code effects}. */
    static AttemptId assignedOne(List<Effect> effects) {
        List<AttemptId> a = assigned(effects);
        assertEquals(1, a.size(), () -> "expected one assignment in " + effects);
        return a.get(0);
    }

    static void assertIgnored(List<Effect> effects, String subject) {
        assertTrue(only(effects, Effect.LogIgnored.class).stream().anyMatch(l -> l.subject().contains(subject)),
                () -> subject + " should have been ignored: " + effects);
    }

    static AttemptId map(String job, int index, int attempt) {
        return TaskId.map(job, index).attempt(attempt);
    }

    static AttemptId reduce(String job, int index, int attempt) {
        return TaskId.reduce(job, index).attempt(attempt);
    }

    /**
     * Runs every job to its end with tasks that finish at each heartbeat: heartbeats every worker
     * in turn, finishing what it runs, and confirms every commit the scheduler asks for. Returns
     * how many attempts were assigned.
     */
    int runToEnd(String... workers) {
        int assignedCount = 0;
        for (int round = 0; round < 10_000; round++) {
            if (scheduler.jobs().stream().allMatch(j -> j.phase().isFinal())) return assignedCount;
            advance(100);
            for (String w : workers) {
                List<AttemptUpdate> done = new ArrayList<>();
                for (AttemptId a : runs(w)) done.add(finished(a));
                List<Effect> out = heartbeat(w, done.toArray(AttemptUpdate[]::new));
                assignedCount += assigned(out).size();
                confirmCommits(out);
            }
        }
        throw new AssertionError("jobs did not end: " + scheduler.jobs());
    }

    /** Answers every CommitTask and CommitJob in {@code effects} with success, and what those answers ask in turn. */
    void confirmCommits(List<Effect> effects) {
        for (Effect e : effects) {
            if (e instanceof Effect.CommitTask c) confirmCommits(commitDone(c.attempt()));
            if (e instanceof Effect.CommitJob c) confirmCommits(jobCommitDone(c.jobId()));
        }
    }
}
