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
 */
public record AttemptReport(String attempt, String status, double progress, int mapOutputsKnown,
                            Map<String, Map<String, Long>> counters, String error, String log) {

    public static final String RUNNING = "RUNNING";
    public static final String FINISHED = "FINISHED";
    public static final String FAILED = "FAILED";
}
