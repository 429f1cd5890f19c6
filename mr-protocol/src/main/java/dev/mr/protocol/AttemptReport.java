package dev.mr.protocol;

import java.util.Map;

/**
 * What a worker says of one of its attempts in a heartbeat.
 *
 * @param status          {@code RUNNING}, {@code FINISHED} (work done: map output on disk, or
 *                        output written and asking to commit) or {@code FAILED}
 * @param progress        0..1 while running
 * @param mapOutputsKnown for a running reduce: how many map output entries it has received
 * @param counters        for FINISHED: group to name to value
 * @param error           for FAILED: the exception with its stack trace
 * @param log             for FAILED: the tail of the attempt's log, kept by the master
 * @param badRecord       for FAILED in skip mode: the record the attempt was reading when its executor died
 *                        ({@code path:offset} for a map, the key for a reduce), to be skipped by the next attempt
 * @param statusMessage   for RUNNING: the task's latest status message (see {@link StatusMessage}), null when it set none
 */
public record AttemptReport(String attempt, String status, double progress, int mapOutputsKnown,
                            Map<String, Map<String, Long>> counters, String error, String log, String badRecord,
                            String statusMessage) {

    public static final String RUNNING = "RUNNING";
    public static final String FINISHED = "FINISHED";
    public static final String FAILED = "FAILED";
    /**
     * Ended through no fault of its own: the executor it shared was stopped because another attempt
     * in it did not stop when killed. Run again without counting as a failure; {@code error} says why.
     */
    public static final String LOST = "LOST";

    public AttemptReport(String attempt, String status, double progress, int mapOutputsKnown,
                         Map<String, Map<String, Long>> counters, String error, String log) {
        this(attempt, status, progress, mapOutputsKnown, counters, error, log, null, null);
    }

    public AttemptReport(String attempt, String status, double progress, int mapOutputsKnown,
                         Map<String, Map<String, Long>> counters, String error, String log, String badRecord) {
        this(attempt, status, progress, mapOutputsKnown, counters, error, log, badRecord, null);
    }
}
