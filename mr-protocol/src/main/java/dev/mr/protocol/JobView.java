package dev.mr.protocol;

import java.util.Map;

/**
 * A job as the REST API and the web page show it. Times are epoch milliseconds; {@code finishTime}
 * is -1 while the job runs.
 *
 * @param state       {@code SUBMITTED}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code KILLED}
 * @param phase       finer: where a running job is (maps, reduces, committing, ...)
 * @param diagnostics for a failed job: which task failed and its error
 * @param command     the {@code mr-submit} command that reproduces the job
 */
public record JobView(String jobId, String name, String state, String phase, long submitTime, long finishTime,
                      int maps, int reduces, int completedMaps, int completedReduces,
                      double mapProgress, double reduceProgress, String input, String output,
                      Map<String, Map<String, Long>> counters, String diagnostics, String command, String owner) {}
