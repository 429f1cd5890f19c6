package dev.mr.master.journal;

import dev.mr.master.jobs.JobRecord;
import java.util.List;
import java.util.Map;

/**
 * A job the journal holds as accepted and not ended: what a restarted master needs to resume it.
 * Immutable.
 *
 * @param resumptions   how many times a restarted master resumed it before
 * @param done          per task, what its latest settled attempt achieved, in journal order; then the
 *                      attempts launched on tasks not settled, whose end the journal does not know
 * @param failures      the attempts that failed, in journal order
 * @param killRequested a user asked to kill it
 * @param abortState    FAILED or KILLED when its end was decided and its output was being removed; else null
 */
public record UnfinishedJob(JobRecord record, int resumptions, List<Done> done, List<Failure> failures, boolean killRequested,
                            String abortState, String abortDiagnostics) {

    public UnfinishedJob {
        done = List.copyOf(done);
        failures = List.copyOf(failures);
    }

    /** An attempt that failed, counted toward its task's attempts; in journal order. */
    public record Failure(String attempt, String workerId, long startTime, long finishTime, String error) {}

    public String jobId() {
        return record.jobId();
    }

    /** What one attempt achieved: its output is on a worker, or its commit started, or finished. */
    public record Done(String attempt, Stage stage, String workerId, String address, long startTime, long finishTime,
                       Map<String, Map<String, Long>> counters) {}

    /** RUNNING: launched, its end not journaled (it may still run: its worker is asked at registration). */
    public enum Stage { MAP_OUTPUT, COMMITTING, COMMITTED, RUNNING }
}
