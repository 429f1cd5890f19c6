package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.TaskState.COMMITTING;
import static dev.mr.master.scheduler.TaskState.FAILED;
import static dev.mr.master.scheduler.TaskState.KILLED;
import static dev.mr.master.scheduler.TaskState.RUNNING;
import static dev.mr.master.scheduler.TaskState.SUCCEEDED;
import static dev.mr.master.scheduler.TaskState.WAITING;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A map or reduce task and its attempts, in launch order, numbered from {@link #attemptBase}:
 * 0 for a job this master accepted, {@code 1000 * n} after its n-th resumption by a restarted
 * master (as Hadoop's application master numbers attempts after a restart), so no new attempt
 * takes the id of one a worker may still run from before. Invariants: at most one
 * attempt is COMMITTING or holds the task's success ({@link #winner}); {@code live} counts the
 * RUNNING attempts; a task in WAITING is in its job's queues. Owned by the scheduler's thread.
 */
final class Task {

    enum Trigger {
        ATTEMPT_LAUNCHED,
        /** A map of a job with reduces finished: its output is on its worker's disk, no commit needed. */
        ATTEMPT_SUCCEEDED,
        /** An attempt that must commit finished its work. */
        COMMIT_REQUESTED,
        COMMIT_DONE,
        COMMIT_FAILED,
        ATTEMPT_FAILED,
        /** A running attempt was lost without its own fault (its worker died, or it was never reported). */
        ATTEMPT_KILLED,
        /** The successful map attempt's output is gone while reducers still need it. */
        OUTPUT_LOST,
        JOB_ENDED
    }

    static final Transitions<TaskState, Trigger> TABLE = Transitions.builder("task", TaskState.class, Trigger.class)
            .on(WAITING, Trigger.ATTEMPT_LAUNCHED, RUNNING)
            .on(WAITING, Trigger.JOB_ENDED, KILLED)
            .on(RUNNING, Trigger.ATTEMPT_LAUNCHED, RUNNING) // a backup
            .on(RUNNING, Trigger.ATTEMPT_SUCCEEDED, SUCCEEDED)
            .on(RUNNING, Trigger.COMMIT_REQUESTED, COMMITTING)
            .on(RUNNING, Trigger.ATTEMPT_FAILED, RUNNING, WAITING, FAILED)
            .on(RUNNING, Trigger.ATTEMPT_KILLED, RUNNING, WAITING, FAILED) // FAILED: too many worker deaths
            .on(RUNNING, Trigger.JOB_ENDED, KILLED)
            .on(COMMITTING, Trigger.COMMIT_DONE, SUCCEEDED)
            .on(COMMITTING, Trigger.COMMIT_FAILED, RUNNING, WAITING, FAILED, KILLED) // KILLED: its job is ending
            // a backup ended while the other attempt commits: counted, judged when the commit settles
            .on(COMMITTING, Trigger.ATTEMPT_FAILED, COMMITTING)
            .on(COMMITTING, Trigger.ATTEMPT_KILLED, COMMITTING)
            .on(SUCCEEDED, Trigger.OUTPUT_LOST, WAITING, FAILED)
            .ignore(Trigger.COMMIT_REQUESTED, COMMITTING) // another attempt holds the commit: the asker is denied
            .ignore(Trigger.JOB_ENDED, COMMITTING, SUCCEEDED, FAILED, KILLED) // COMMITTING: the commit in flight settles it
            .build();

    final Job job;
    final TaskId id;
    /** The map's split, null for a reduce. */
    final MapSplit split;
    final List<Attempt> attempts = new ArrayList<>(1);

    private TaskState state = WAITING;
    /** RUNNING attempts. */
    int live;
    int failures;
    int workerDeaths;
    String lastError;
    String lastDeath;
    /** The successful attempt whose output and counters count; null unless SUCCEEDED. */
    Attempt winner;
    Attempt committing;
    long startTime = -1;
    long finishTime = -1;
    /** Records its skip-mode attempts died on, in the order reported; null until the first. */
    private LinkedHashSet<String> badRecords;

    /** This task's share in its job's progress sum, in thousandths. */
    int progressCounted;

    // Maintained by Speculator: the start of the sole running attempt, while indexed there.
    long soloSince;
    boolean speculationIndexed;

    /** The number of this task's next attempt in this master's run. */
    private int nextAttempt;

    Task(Job job, TaskId id, MapSplit split, int attemptBase) {
        this.job = job;
        this.id = id;
        this.split = split;
        this.nextAttempt = attemptBase;
    }

    /** The id for a new attempt; ids of attempts launched by an earlier master stay below it. */
    AttemptId nextAttemptId() {
        return id.attempt(nextAttempt++);
    }

    /** Whether {@code a} names an attempt launched before this master's run: one a worker may still hold. */
    boolean launchedBefore(AttemptId a) {
        return a.task().equals(id) && a.attempt() < job.attemptBase;
    }

    /** The attempt with this id, or null. */
    Attempt attempt(AttemptId a) {
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).id.equals(a)) return attempts.get(i);
        }
        return null;
    }

    TaskState state() {
        return state;
    }

    boolean isMap() {
        return id.map();
    }

    /** A reduce, or a map of a map-only job: its output goes to the job's output through a commit. */
    boolean needsCommit() {
        return !id.map() || job.reduces.length == 0;
    }

    boolean accepts(Trigger t) {
        return TABLE.handles(id, state, t);
    }

    void move(Trigger t, TaskState to) {
        TaskState from = state;
        state = TABLE.move(id, from, t, to);
        job.taskMoved(this, from, to);
    }

    /**
     * Whether its next attempt runs in skip mode: it failed {@code mr.skip.start.attempts} times and
     * the job may skip records of its kind. Attempts in skip mode whose failures make progress (a
     * new bad record) do not count, so once in skip mode a task stays there.
     */
    boolean skipsRecords() {
        return failures >= job.settings.skipStartAttempts() && job.settings.skipLimit(isMap()) > 0;
    }

    /** Remembers a record an attempt died on; true when it was not known yet. */
    boolean addBadRecord(String record) {
        if (badRecords == null) badRecords = new LinkedHashSet<>();
        return badRecords.add(record);
    }

    /** The bad records known so far, in the order first reported. */
    List<String> badRecords() {
        return badRecords == null ? List.of() : List.copyOf(badRecords);
    }

    int badRecordCount() {
        return badRecords == null ? 0 : badRecords.size();
    }

    /** The only running attempt, or null when none or several run. */
    Attempt soleRunningAttempt() {
        if (live != 1) return null;
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).isRunning()) return attempts.get(i);
        }
        return null;
    }

    /** 1000 when done or committing; else the best running attempt's progress, in thousandths. */
    int progressPermille() {
        if (state == SUCCEEDED || state == COMMITTING) return 1000;
        double best = 0;
        for (Attempt a : attempts) if (a.isRunning()) best = Math.max(best, a.progress);
        return (int) (best * 1000);
    }

    /** Why this task must fail its job given its failures so far, or null when it may try again. */
    String failureReason(JobSettings s) {
        if (failures >= s.maxAttempts()) {
            return "task " + id + " failed " + failures + " times; last error: " + lastError;
        }
        if (workerDeaths >= s.maxWorkerDeaths()) {
            return "task " + id + " was running on " + workerDeaths
                    + " workers that died; it may be what takes them down; last: " + lastDeath;
        }
        return null;
    }

    @Override
    public String toString() {
        return id + "(" + state + ")";
    }
}
