package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import java.util.List;

/**
 * What the master's edge must do, as decided by the {@link Scheduler}. Effects addressed to a
 * worker ({@link ToWorker}) always answer that worker's own request (its registration, heartbeat
 * or report), so the edge returns them in the response and keeps no mailbox. The others are I/O
 * the edge performs and reports back as events, or lines for the master's log.
 */
public sealed interface Effect {

    /** Part of the answer to the named worker's request. */
    sealed interface ToWorker extends Effect {
        String workerId();
    }

    /** Registration answer: use this incarnation in every later request. */
    record AcceptWorker(String workerId, long incarnation) implements ToWorker {}

    /**
     * The worker's incarnation is unknown or was declared dead: it must drop every attempt and
     * map output it holds and register again.
     */
    record Reregister(String workerId) implements ToWorker {}

    /**
     * Run this attempt. For a map the edge adds the split; a backup is a second attempt of a straggler.
     * In skip mode a record whose user code throws is skipped, and so, unread by user code, are
     * {@code skipRecords}: those earlier attempts of the task died on (an immutable list).
     */
    record AssignAttempt(String workerId, AttemptId attempt, boolean dataLocal, boolean backup, boolean skipMode,
                         List<String> skipRecords) implements ToWorker {
        public AssignAttempt {
            skipRecords = List.copyOf(skipRecords);
        }

        public AssignAttempt(String workerId, AttemptId attempt, boolean dataLocal, boolean backup) {
            this(workerId, attempt, dataLocal, backup, false, List.of());
        }
    }

    /**
     * Stop the attempt if it runs and drop its local map output. Never touches the job's output
     * directory (uncommitted attempt output there goes with the job's commit or abort).
     */
    record KillAttempt(String workerId, AttemptId attempt) implements ToWorker {}

    /** For a running reduce attempt: map output log entries it has not received yet, in order (an immutable list). */
    record TellMapOutputs(String workerId, AttemptId reduceAttempt, List<MapOutputEvent> events) implements ToWorker {
        public TellMapOutputs {
            if (!(events instanceof MapOutputLog.Slice)) events = List.copyOf(events);
        }
    }

    /** The job ended: the worker may delete what it keeps for it (map outputs, cached jar). */
    record CleanUpJob(String workerId, String jobId) implements ToWorker {}

    /**
     * Rename the attempt's output ({@code <output>/_temporary/<attempt>/}) into its task's place
     * ({@code part-r-NNNNN}, or {@code part-m-NNNNN} in a map-only job), then report
     * {@link Event.TaskCommitFinished} or {@link Event.TaskCommitFailed}. At most one attempt per
     * task is ever told this while an earlier one's outcome is unknown, and none after one succeeded.
     */
    record CommitTask(AttemptId attempt) implements Effect {}

    /**
     * Every task committed: commit the job ({@code _SUCCESS}) and report {@link Event.JobCommitFinished}.
     * First publish the skipped records of {@code skippedMaps}, the winning map attempts of a job with
     * reduces that skipped records (maps that never commit); committed tasks bring their own.
     */
    record CommitJob(String jobId, List<AttemptId> skippedMaps) implements Effect {
        public CommitJob {
            skippedMaps = List.copyOf(skippedMaps);
        }

        public CommitJob(String jobId) {
            this(jobId, List.of());
        }
    }

    /** The job failed or was killed: remove its temporary and committed output. No commit of it is in flight. */
    record AbortJob(String jobId) implements Effect {}

    /**
     * Write to the job's journal, in the order told, that a map attempt's output lives on a worker:
     * a restarted master resumes the job without running the map again while that worker holds it.
     */
    record JournalMapOutput(AttemptId attempt, String workerId, String address, long startTime, long finishTime,
                            Counters counters) implements Effect {}

    /**
     * Write to the job's journal, in the order told, that an attempt was launched on a worker: a
     * restarted master holds its task for that worker until the worker says whether it still runs it.
     */
    record JournalAttemptLaunched(AttemptId attempt, String workerId, String address, long startTime) implements Effect {}

    /** Write to the job's journal, in the order told, that an attempt failed (and counts toward its task's attempts). */
    record JournalAttemptFailed(AttemptId attempt, String workerId, long startTime, long finishTime, String error) implements Effect {}

    /** Write to the job's journal, after the entry it withdraws, that a map attempt's output is lost. */
    record JournalMapOutputLost(AttemptId attempt) implements Effect {}

    /** A report or request was ignored (stale, duplicate, or about something no longer current); log it. */
    record LogIgnored(String source, String subject, String reason) implements Effect {}

    /** A worker incarnation was declared dead; its running attempts and needed map outputs are being re-run. */
    record LogWorkerLost(String workerId, long incarnation, String reason) implements Effect {}
}
