package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.AttemptState.COMMITTING;
import static dev.mr.master.scheduler.AttemptState.FAILED;
import static dev.mr.master.scheduler.AttemptState.KILLED;
import static dev.mr.master.scheduler.AttemptState.RUNNING;
import static dev.mr.master.scheduler.AttemptState.SUCCEEDED;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;

/**
 * One try at a task, on one incarnation of one worker. Reports about it are accepted only from
 * that incarnation; the table lists which reports are ignored in which state (duplicates and
 * stale reports), and every internal trigger must fit it. Owned by the scheduler's thread.
 */
final class Attempt {

    enum Trigger {
        /** Worker report: still running. */
        RUNNING_REPORTED,
        /** Worker report: did its work (map output written, or asks to commit). */
        FINISHED_REPORTED,
        FAILED_REPORTED,
        /** Worker report: ended through no fault of its own (its executor was stopped for another attempt); re-run. */
        LOST_REPORTED,
        /** The scheduler gave up on it: worker lost, lost a race, never reported, or its job ended. */
        KILL_ORDERED,
        /** Edge report about the commit it was asked for. */
        COMMIT_DONE,
        COMMIT_FAILED,
        /** The worker holding this map's output died while reducers still need it. */
        OUTPUT_LOST,
        /** A reducer could not fetch this map's output. */
        FETCH_FAILURE_REPORTED
    }

    static final Transitions<AttemptState, Trigger> TABLE = Transitions.builder("attempt", AttemptState.class, Trigger.class)
            .on(RUNNING, Trigger.RUNNING_REPORTED, RUNNING)
            .on(RUNNING, Trigger.FINISHED_REPORTED, SUCCEEDED, COMMITTING, KILLED) // KILLED: another attempt holds the commit
            .on(RUNNING, Trigger.FAILED_REPORTED, FAILED)
            .on(RUNNING, Trigger.LOST_REPORTED, KILLED)
            .on(RUNNING, Trigger.KILL_ORDERED, KILLED)
            .on(COMMITTING, Trigger.COMMIT_DONE, SUCCEEDED)
            .on(COMMITTING, Trigger.COMMIT_FAILED, FAILED)
            .on(SUCCEEDED, Trigger.OUTPUT_LOST, KILLED)
            .on(SUCCEEDED, Trigger.FETCH_FAILURE_REPORTED, SUCCEEDED, FAILED)
            // late, duplicate or stale worker reports
            .ignore(Trigger.RUNNING_REPORTED, COMMITTING, SUCCEEDED, FAILED, KILLED)
            .ignore(Trigger.FINISHED_REPORTED, COMMITTING, SUCCEEDED, FAILED, KILLED)
            .ignore(Trigger.FAILED_REPORTED, COMMITTING, SUCCEEDED, FAILED, KILLED)
            .ignore(Trigger.LOST_REPORTED, COMMITTING, SUCCEEDED, FAILED, KILLED)
            .ignore(Trigger.FETCH_FAILURE_REPORTED, RUNNING, COMMITTING, FAILED, KILLED) // output already replaced
            // duplicate edge reports, or about a commit never asked for
            .ignore(Trigger.COMMIT_DONE, RUNNING, SUCCEEDED, FAILED, KILLED)
            .ignore(Trigger.COMMIT_FAILED, RUNNING, SUCCEEDED, FAILED, KILLED)
            .build();

    final AttemptId id;
    final Task task;
    final Worker worker;
    /** The worker incarnation it runs on; 0 while its worker is awaited after a master restart, until confirmed. */
    long incarnation;
    final boolean backup;
    /**
     * Whether its split has a replica on its worker's machine. For an attempt a restarted master took
     * on from its journal, known only once its worker registers again (the journal keeps no names).
     */
    boolean dataLocal;
    /** Launched in skip mode: records whose user code throws are skipped, and a failure may name the record that killed it. */
    final boolean skipMode;
    final long startTime;

    private AttemptState state = RUNNING;
    long finishTime = -1;
    double progress;
    /** Its task's latest status message as reported, kept after it ended; null when none came. */
    String statusMessage;
    String error;
    /** Set when it finished its work; what the job's counters add up once the attempt succeeded. */
    Counters counters;
    int fetchFailures;
    /** The worker's heartbeat that last reported it running, and the map output log entries it then had. */
    long reportedIn;
    int mapOutputsKnown;

    Attempt(AttemptId id, Task task, Worker worker, boolean backup, boolean dataLocal, boolean skipMode, long startTime) {
        this.id = id;
        this.task = task;
        this.worker = worker;
        this.incarnation = worker.incarnation();
        this.backup = backup;
        this.dataLocal = dataLocal;
        this.skipMode = skipMode;
        this.startTime = startTime;
    }

    AttemptState state() {
        return state;
    }

    /** True when {@code t} moves this attempt; false when it is a report the table ignores in this state. */
    boolean accepts(Trigger t) {
        return TABLE.handles(id, state, t);
    }

    void move(Trigger t, AttemptState to) {
        state = TABLE.move(id, state, t, to);
    }

    boolean isRunning() {
        return state == RUNNING;
    }

    /** Its awaited worker registered again and reports it running: it runs on that incarnation. */
    void confirmOn(Worker w) {
        if (w != worker || incarnation != 0) throw new IllegalStateException(id + " is not awaiting worker " + w.id);
        incarnation = w.incarnation();
    }

    /** True when the attempt runs on this very incarnation of {@code w}. */
    boolean belongsTo(Worker w) {
        return worker == w && incarnation == w.incarnation();
    }

    @Override
    public String toString() {
        return id + "(" + state + " on " + worker.id + ")";
    }
}
