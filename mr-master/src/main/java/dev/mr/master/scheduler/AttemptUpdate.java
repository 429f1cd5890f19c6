package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;

/**
 * What a worker says about one of its attempts in a heartbeat. A heartbeat lists every attempt
 * the worker still runs ({@link Running}) and the outcome of those that ended since its last
 * answered heartbeat ({@link Finished}, {@link Failed}, {@link Lost}); a worker resends an outcome until a
 * heartbeat carrying it is answered, so the scheduler takes duplicates in its stride. The edge
 * makes these from the wire's {@code dev.mr.protocol.AttemptReport}, checked.
 */
public sealed interface AttemptUpdate {

    AttemptId attempt();

    /**
     * Still running.
     *
     * @param progress between 0 and 1, for display
     * @param mapOutputsKnown for a reduce attempt, how many entries of its job's map output log it
     *     has received; the heartbeat answer carries the entries after those
     * @param statusMessage its task's latest status message, for display; null when it set none
     */
    record Running(AttemptId attempt, double progress, int mapOutputsKnown, String statusMessage) implements AttemptUpdate {
        public Running(AttemptId attempt) {
            this(attempt, 0, 0);
        }

        public Running(AttemptId attempt, double progress, int mapOutputsKnown) {
            this(attempt, progress, mapOutputsKnown, null);
        }
    }

    /**
     * Did its work: a map of a job with reduces has its output on the worker's disk; any other
     * attempt has written under {@code <output>/_temporary/<attempt>/} and asks to commit. The
     * scheduler keeps {@code counters} as given: do not change them after sending the event.
     *
     * @param statusMessage its task's last status message, null when it set none
     */
    record Finished(AttemptId attempt, Counters counters, String statusMessage) implements AttemptUpdate {
        public Finished(AttemptId attempt, Counters counters) {
            this(attempt, counters, null);
        }
    }

    /**
     * Threw, or its executor died; {@code error} carries the exception with its stack trace.
     *
     * @param badRecord in skip mode, the record it was reading when it died ({@code path:offset} for a map,
     *     the key for a reduce), which its task's next attempts skip; null when unknown or not in skip mode
     */
    record Failed(AttemptId attempt, String error, String badRecord) implements AttemptUpdate {
        public Failed(AttemptId attempt, String error) {
            this(attempt, error, null);
        }
    }

    /**
     * Ended through no fault of its own (its executor was stopped for another attempt's sake): run
     * again, not counted as a failure; {@code why} stays on the attempt.
     */
    record Lost(AttemptId attempt, String why) implements AttemptUpdate {}
}
