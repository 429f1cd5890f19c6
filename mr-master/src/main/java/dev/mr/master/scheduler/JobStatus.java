package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.JobState;
import java.util.List;

/**
 * A snapshot of a job for the REST API and the web page. Times are the events' {@code nowMillis};
 * {@code finishTime} is -1 until the job ends. Counters add up each task's successful attempt.
 *
 * @param mapProgress completed maps plus the progress of running ones, over all maps (1 when there are none)
 * @param excludedWorkers workers that failed too many of this job's tasks
 */
public record JobStatus(
        String jobId,
        JobState state,
        JobPhase phase,
        long submitTime,
        long finishTime,
        int maps,
        int reduces,
        int completedMaps,
        int completedReduces,
        double mapProgress,
        double reduceProgress,
        Counters counters,
        String diagnostics,
        List<String> excludedWorkers) {

    static JobStatus of(Job j) {
        return new JobStatus(j.id, j.phase().toJobState(), j.phase(), j.submitTime, j.finishTime,
                j.maps.length, j.reduces.length, j.completedMaps, j.succeededReduces,
                j.mapProgress(), j.reduceProgress(), new Counters().addAll(j.counters()), j.diagnostics,
                List.copyOf(j.excluded));
    }
}
