package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.JobPhase.COMMITTING;
import static dev.mr.master.scheduler.JobPhase.FAILED;
import static dev.mr.master.scheduler.JobPhase.FAIL_WAIT;
import static dev.mr.master.scheduler.JobPhase.KILLED;
import static dev.mr.master.scheduler.JobPhase.KILL_WAIT;
import static dev.mr.master.scheduler.JobPhase.RUNNING;
import static dev.mr.master.scheduler.JobPhase.SUCCEEDED;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A job, its tasks, and the indexes the scheduler decides with: queues of waiting tasks (per host
 * for locality), the log of map output locations, failure counts per worker, and stragglers.
 * Invariants: a WAITING task is in its queues (queues hold stale entries too, skipped when
 * polled); {@code succeededTasks} counts SUCCEEDED tasks; {@code commitsInFlight} counts
 * COMMITTING tasks. Owned by the scheduler's thread.
 */
final class Job {

    enum Trigger {
        TASK_SUCCEEDED,
        ALL_TASKS_SUCCEEDED,
        /** A map's output was lost and the map waits to run again. */
        TASK_RESCHEDULED,
        TASK_FAILED,
        /** A task whose commit was in flight when the job started ending settled as KILLED. */
        TASK_KILLED,
        KILL_REQUESTED,
        JOB_COMMIT_DONE,
        JOB_COMMIT_FAILED
    }

    static final Transitions<JobPhase, Trigger> TABLE = Transitions.builder("job", JobPhase.class, Trigger.class)
            .on(RUNNING, Trigger.TASK_SUCCEEDED, RUNNING)
            .on(RUNNING, Trigger.ALL_TASKS_SUCCEEDED, COMMITTING)
            .on(RUNNING, Trigger.TASK_RESCHEDULED, RUNNING)
            .on(RUNNING, Trigger.TASK_FAILED, FAIL_WAIT, FAILED) // FAIL_WAIT while task commits are in flight
            .on(RUNNING, Trigger.KILL_REQUESTED, KILL_WAIT, KILLED)
            .on(COMMITTING, Trigger.JOB_COMMIT_DONE, SUCCEEDED)
            .on(COMMITTING, Trigger.JOB_COMMIT_FAILED, FAILED)
            // an ending job waits for the task commits in flight, then aborts its output
            .on(FAIL_WAIT, Trigger.TASK_SUCCEEDED, FAIL_WAIT, FAILED)
            .on(FAIL_WAIT, Trigger.TASK_KILLED, FAIL_WAIT, FAILED)
            .on(KILL_WAIT, Trigger.TASK_SUCCEEDED, KILL_WAIT, KILLED)
            .on(KILL_WAIT, Trigger.TASK_KILLED, KILL_WAIT, KILLED)
            .ignore(Trigger.KILL_REQUESTED, COMMITTING, FAIL_WAIT, KILL_WAIT, SUCCEEDED, FAILED, KILLED) // too late, or already ending
            .ignore(Trigger.JOB_COMMIT_DONE, RUNNING, FAIL_WAIT, KILL_WAIT, SUCCEEDED, FAILED, KILLED) // duplicate, or never asked
            .ignore(Trigger.JOB_COMMIT_FAILED, RUNNING, FAIL_WAIT, KILL_WAIT, SUCCEEDED, FAILED, KILLED)
            .build();

    /** Attempt numbers each master run may use per task, as in Hadoop (its application master attempt times 1000). */
    static final int ATTEMPTS_PER_RUN = 1000;

    final String id;
    final JobSettings settings;
    final long submitTime;
    final Task[] maps;
    final Task[] reduces;

    private JobPhase phase = RUNNING;
    long finishTime = -1;
    String diagnostics = "";

    int completedMaps;
    int succeededReduces;
    int succeededTasks;
    int commitsInFlight;
    int waitingMaps;
    /** When a map of this job last launched (-1: never). */
    long lastMapLaunch = -1;
    /** When a heartbeat first found maps of this job waiting, since none were (-1: none are waiting). */
    long mapsWaitingSince = -1;
    int waitingReduces;

    private TaskQueue mapQueue = new TaskQueue();
    private TaskQueue reduceQueue = new TaskQueue();
    /** Looked up by a worker's names ({@link MapSplit#hostKey}s), never iterated. */
    private final HashMap<String, TaskQueue> mapQueueByHost = new HashMap<>();

    final MapOutputLog mapOutputLog;
    /** The number of the first attempt of each task in this master's run (see {@link Task}). */
    final int attemptBase;
    final TreeMap<String, Integer> failuresByWorker = new TreeMap<>();
    final TreeSet<String> excluded = new TreeSet<>();
    /** Workers that ran an attempt of this job: told to clean up when it ends. */
    final TreeSet<String> workersUsed = new TreeSet<>();
    final Speculator mapSpeculator;
    final Speculator reduceSpeculator;
    final SkippedRecords skipped;

    private Counters counters = new Counters();
    private boolean countersStale;
    /** Sums of the tasks' progress in thousandths, kept exact and up to date so a status costs no scan. */
    private long mapProgress;
    private long reduceProgress;

    Job(String id, JobSettings settings, List<MapSplit> splits, int reduceCount, long now) {
        this(id, settings, splits, reduceCount, now, 0);
    }

    /** @param resumption how many times a restarted master resumed this job before: 0 for a new one */
    Job(String id, JobSettings settings, List<MapSplit> splits, int reduceCount, long now, int resumption) {
        this.id = id;
        this.attemptBase = Math.multiplyExact(resumption, ATTEMPTS_PER_RUN);
        this.mapOutputLog = new MapOutputLog(MapOutputLog.base(resumption));
        this.settings = settings;
        this.submitTime = now;
        this.maps = new Task[splits.size()];
        this.reduces = new Task[reduceCount];
        this.mapSpeculator = new Speculator(settings);
        this.reduceSpeculator = new Speculator(settings);
        this.skipped = new SkippedRecords(settings);
        for (int i = 0; i < maps.length; i++) {
            MapSplit s = splits.get(i);
            maps[i] = new Task(this, TaskId.map(id, i), s, attemptBase);
            mapQueue.addFirstRun(maps[i]);
            for (String h : s.hosts()) mapQueueByHost.computeIfAbsent(h, x -> new TaskQueue()).addFirstRun(maps[i]);
        }
        for (int i = 0; i < reduces.length; i++) {
            reduces[i] = new Task(this, TaskId.reduce(id, i), null, attemptBase);
            reduceQueue.addFirstRun(reduces[i]);
        }
        waitingMaps = maps.length;
        waitingReduces = reduces.length;
    }

    JobPhase phase() {
        return phase;
    }

    boolean accepts(Trigger t) {
        return TABLE.handles(id, phase, t);
    }

    void move(Trigger t, JobPhase to) {
        phase = TABLE.move(id, phase, t, to);
        if (phase != RUNNING) {
            mapQueue = new TaskQueue();
            reduceQueue = new TaskQueue();
            mapQueueByHost.clear();
        }
    }

    int taskCount() {
        return maps.length + reduces.length;
    }

    Task task(TaskId t) {
        Task[] tasks = t.map() ? maps : reduces;
        return t.index() < tasks.length ? tasks[t.index()] : null;
    }

    Speculator speculator(Task t) {
        return t.isMap() ? mapSpeculator : reduceSpeculator;
    }

    /** Keeps the queues, counts and straggler index in step with a task's move. */
    void taskMoved(Task t, TaskState from, TaskState to) {
        if (from == TaskState.WAITING) {
            if (t.isMap()) waitingMaps--;
            else waitingReduces--;
        }
        if (to == TaskState.WAITING && from != TaskState.WAITING) {
            if (t.isMap()) {
                waitingMaps++;
                mapQueue.addRerun(t);
                for (String h : t.split.hosts()) mapQueueByHost.computeIfAbsent(h, x -> new TaskQueue()).addRerun(t);
            } else {
                waitingReduces++;
                reduceQueue.addRerun(t);
            }
        }
        speculator(t).update(t);
        progressChanged(t);
    }

    /** Re-adds a task's progress after its state or an attempt's reported progress changed. */
    void progressChanged(Task t) {
        int p = t.progressPermille();
        if (p == t.progressCounted) return;
        if (t.isMap()) mapProgress += p - t.progressCounted;
        else reduceProgress += p - t.progressCounted;
        t.progressCounted = p;
    }

    double mapProgress() {
        return maps.length == 0 ? 1 : mapProgress / 1000.0 / maps.length;
    }

    double reduceProgress() {
        return reduces.length == 0 ? 1 : reduceProgress / 1000.0 / reduces.length;
    }

    /**
     * A waiting map whose split has a replica on {@code w}'s machine, or null: the first in the queue
     * of the first of its names that has one.
     */
    Task nextLocalMap(Worker w) {
        for (String name : w.names) {
            TaskQueue q = mapQueueByHost.get(name);
            Task t = q == null ? null : q.peekWaiting();
            if (t != null) return t;
        }
        return null;
    }

    Task nextMap() {
        return mapQueue.peekWaiting();
    }

    /** The first waiting reduce, once enough maps completed (slow-start); else null. */
    Task nextReduce() {
        if (waitingReduces == 0 || completedMaps < settings.mapsBeforeReduces(maps.length)) return null;
        return reduceQueue.peekWaiting();
    }

    /** Counts a failed attempt against its worker; at the limit the worker is excluded from this job. */
    void workerFailed(String workerId) {
        int n = failuresByWorker.merge(workerId, 1, Integer::sum);
        if (n >= settings.workerMaxFailures()) excluded.add(workerId);
    }

    /**
     * Whether {@code w} gets no tasks of this job: it failed too many of them, and the workers so
     * excluded are not more than the allowed share of the live ones (past it, exclusion is suspended).
     */
    boolean excludes(Worker w, Workers workers) {
        if (excluded.isEmpty() || !excluded.contains(w.id)) return false;
        int excludedAlive = 0;
        for (String id : excluded) {
            Worker x = workers.get(id);
            if (x != null && x.isAlive()) excludedAlive++;
        }
        return excludedAlive * 100L <= (long) settings.exclusionMaxPercent() * workers.aliveCount();
    }

    /** Whether a successful map's output must be recreated when lost: some reduce has not committed. */
    boolean needsMapOutputs() {
        return phase == RUNNING && reduces.length > 0 && succeededReduces < reduces.length;
    }

    /**
     * The winning map attempts whose skipped records the job commit must publish: maps of a job
     * with reduces never commit, so their {@code _skipped} files are not in a committed task's
     * directory. In task order; empty when none skipped anything.
     */
    List<AttemptId> skippedByUncommittedMaps() {
        if (reduces.length == 0) return List.of();
        List<AttemptId> out = new ArrayList<>();
        for (Task t : maps) if (t.winner != null && SkippedRecords.of(t.winner) > 0) out.add(t.winner.id);
        return out;
    }

    /** A task succeeded: its attempt's counters join the job's. */
    void countersAdded(Attempt winner) {
        if (!countersStale && winner.counters != null) counters.addAll(winner.counters);
    }

    /** A successful attempt no longer counts (its output was lost): the sum is recomputed when next asked. */
    void countersRemoved() {
        countersStale = true;
    }

    /** The sum of the counters of each task's successful attempt. */
    Counters counters() {
        if (countersStale) {
            Counters c = new Counters();
            for (Task t : maps) if (t.winner != null && t.winner.counters != null) c.addAll(t.winner.counters);
            for (Task t : reduces) if (t.winner != null && t.winner.counters != null) c.addAll(t.winner.counters);
            counters = c;
            countersStale = false;
        }
        return counters;
    }

    @Override
    public String toString() {
        return id + "(" + phase + ")";
    }
}
