package dev.mr.protocol;

import java.util.List;

/**
 * Per-phase figures of a job for the job page ({@code GET /api/v1/jobs/{id}/stats}).
 *
 * @param now    the master's clock when the figures were taken (running tasks' durations end there)
 * @param phases {@code map}, then {@code reduce} when the job has reduces; none when its tasks are not kept
 * @param note   why a job that ended has no figures here (it is beyond the job history the master keeps,
 *               or its history file is damaged), for the page to show beside its summary; null when it has them
 */
public record JobStats(String jobId, long now, List<PhaseStats> phases, String note) {}
