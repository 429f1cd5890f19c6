package dev.mr.protocol;

import java.util.List;

/**
 * A job's attempts laid out in time ({@code GET /api/v1/jobs/{id}/timeline}): one row per worker,
 * one bar per attempt. Bars are placed in milliseconds from {@code start}; attempts that ran at
 * the same time on one worker sit in separate lanes of its row.
 *
 * @param start    the job's submit time
 * @param end      its finish time, or the master's clock while it runs
 * @param attempts how many attempts the job has
 * @param shown    how many of them are drawn: all up to the limit, else failed, killed, backup and
 *                 running ones first, then the longest
 */
public record Timeline(String jobId, long start, long end, int attempts, int shown, List<TimelineRow> rows) {}
