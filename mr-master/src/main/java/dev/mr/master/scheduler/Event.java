package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import java.util.List;

/**
 * What happened, as the master's edge tells the {@link Scheduler}: a request arrived, an I/O step
 * finished, or time passed. Each event carries the time it happened ({@code nowMillis}, from the
 * edge's clock); the scheduler never reads a clock. The same events in the same order always give
 * the same effects and the same state, so the edge journals events and replays them to recover.
 */
public sealed interface Event {

    long nowMillis();

    /**
     * A validated job to run: one map task per split, {@code reduces} reduce tasks (0 makes a map-only job).
     * The job id is unique; the edge assigns it ({@code job_0001}).
     */
    record JobSubmitted(long nowMillis, String jobId, JobSettings settings, List<MapSplit> splits, int reduces)
            implements Event {
        public JobSubmitted {
            splits = List.copyOf(splits);
        }
    }

    /** A user asked to kill the job. */
    record JobKillRequested(long nowMillis, String jobId) implements Event {}

    /**
     * The master keeps only the summary of this ended job from now on: the scheduler forgets its
     * tasks and attempts, and later reports about them are ignored as about unknown attempts.
     */
    record JobRetired(long nowMillis, String jobId) implements Event {}

    /**
     * A worker process (re)started and registered. The scheduler answers with
     * {@link Effect.AcceptWorker} carrying a new incarnation, which every later request of that
     * process names; a registration of a worker believed alive ends its previous incarnation.
     *
     * @param host the locality key dfs-lite names replicas by (its chunk server's {@code host:port}), matched
     *             against {@link MapSplit#hosts()}
     * @param address where reducers fetch this worker's map outputs
     */
    record WorkerRegistered(long nowMillis, String workerId, String host, String address, int slots, List<AttemptId> running,
                            List<AttemptId> mapOutputs, List<String> hostNames) implements Event {
        /**
         * @param running    attempts the worker still runs, or ran and has not had an outcome answered
         *                   for (it kept them through a master restart); a resumed job takes them on
         * @param mapOutputs map outputs it still holds; those a resumed job's journal places there are kept
         * @param hostNames  the other names its machine goes by (host names, addresses, as HDFS names a
         *                   DataNode there): a split naming any of them, or {@code host}, is local to it
         */
        public WorkerRegistered {
            running = List.copyOf(running);
            mapOutputs = List.copyOf(mapOutputs);
            hostNames = List.copyOf(hostNames);
        }

        /** A worker known by its {@code host} alone. */
        public WorkerRegistered(long nowMillis, String workerId, String host, String address, int slots, List<AttemptId> running,
                                List<AttemptId> mapOutputs) {
            this(nowMillis, workerId, host, address, slots, running, mapOutputs, List.of());
        }

        /** A worker that holds nothing: new, or restarted. */
        public WorkerRegistered(long nowMillis, String workerId, String host, String address, int slots) {
            this(nowMillis, workerId, host, address, slots, List.of(), List.of());
        }
    }

    /**
     * A job that a previous run of the master accepted and had not ended, taken up again after a
     * restart from what its journal kept ({@code done}, in journal order). Fed before any worker
     * registers with this master. Its tasks' new attempts are numbered from
     * {@code 1000 * resumption}, so they never take the id of an attempt launched before.
     *
     * @param resumption 1 the first time a job is resumed, 2 the next, ...
     */
    record JobResumed(long nowMillis, String jobId, JobSettings settings, List<MapSplit> splits, int reduces, int resumption,
                      List<TaskDone> done, List<AttemptFailed> failed) implements Event {
        /** @param failed the attempts that failed before, in journal order: they count toward their tasks' attempts */
        public JobResumed {
            splits = List.copyOf(splits);
            done = List.copyOf(done);
            failed = List.copyOf(failed);
        }
    }

    /** An attempt of a resumed job that failed before the restart, with its error. */
    record AttemptFailed(AttemptId attempt, String workerId, long startTime, long finishTime, String error) {}

    /**
     * A worker's heartbeat: its reports and how many slots it has free. The answer is every
     * {@link Effect.ToWorker} naming this worker among the effects returned. A worker sends one
     * heartbeat at a time (the next only after the previous one was answered or failed); an
     * attempt the scheduler assigned to it earlier that is neither reported running nor ended is
     * taken as lost (its assignment never arrived) and re-run.
     */
    record HeartbeatReceived(long nowMillis, String workerId, long incarnation, int freeSlots, List<AttemptUpdate> reports)
            implements Event {
        public HeartbeatReceived {
            reports = List.copyOf(reports);
        }
    }

    /** A reduce attempt could not fetch a map attempt's output. */
    record FetchFailureReported(long nowMillis, String workerId, long incarnation, AttemptId reduceAttempt, AttemptId mapAttempt)
            implements Event {}

    /** The edge renamed the attempt's output into its task's final place, as {@link Effect.CommitTask} asked. */
    record TaskCommitFinished(long nowMillis, AttemptId attempt) implements Event {}

    /** The edge could not commit the attempt's output; the attempt counts as failed. */
    record TaskCommitFailed(long nowMillis, AttemptId attempt, String error) implements Event {}

    /** The edge committed the job's output ({@code _SUCCESS} written), as {@link Effect.CommitJob} asked. */
    record JobCommitFinished(long nowMillis, String jobId) implements Event {}

    record JobCommitFailed(long nowMillis, String jobId, String error) implements Event {}

    /** Time passed; the edge sends this periodically (every second or so) so silent workers expire. */
    record Ticked(long nowMillis) implements Event {}

    /**
     * What a resumed job's journal says one of its attempts achieved.
     *
     * @param workerId where it ran; for {@link Stage#MAP_OUTPUT}, where its output lives; for {@link Stage#RUNNING} where it runs
     * @param address  that worker's shuffle address when the output was recorded
     */
    record TaskDone(AttemptId attempt, Stage stage, String workerId, String address, long startTime, long finishTime,
                    Counters counters) {}

    enum Stage {
        /** A map of a job with reduces finished; its output lives on its worker. */
        MAP_OUTPUT,
        /** The attempt's commit was started; whether it finished is not known. */
        COMMITTING,
        COMMITTED,
        /** The attempt was launched; how it ended is not known. */
        RUNNING
    }
}
