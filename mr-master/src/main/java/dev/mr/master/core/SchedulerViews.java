package dev.mr.master.core;

import dev.mr.api.JobState;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.scheduler.JobPhase;
import dev.mr.master.scheduler.JobStatus;
import dev.mr.master.scheduler.WorkerState;
import dev.mr.master.scheduler.WorkerStatus;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.JobView;
import dev.mr.protocol.WorkerView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The REST views of the scheduler's snapshots: a {@link JobStatus} with its {@link JobRecord} as a
 * {@link JobView}, a {@link WorkerStatus} as a {@link WorkerView} (tasks and attempts have theirs
 * in {@code history.TaskViews}, the store in {@code status.StorageViews}). Pure functions of their
 * arguments; call them where the snapshots are taken (the scheduler thread), since the job table
 * is confined there.
 */
final class SchedulerViews {

    private SchedulerViews() {}

    static JobView job(JobStatus s, JobRecord r) {
        return new JobView(s.jobId(), r.name(), s.state().name(), phase(s), s.submitTime(), s.finishTime(), s.maps(), s.reduces(),
                s.completedMaps(), s.completedReduces(), s.mapProgress(), s.reduceProgress(), r.input(), r.output(),
                s.counters().asMap(), s.diagnostics() == null || s.diagnostics().isEmpty() ? null : s.diagnostics(), r.command(), r.owner());
    }

    /** A job that the master did not see end: it ran when the master stopped. */
    static JobView ended(JobRecord r, JobState state, long finishTime, String diagnostics) {
        return new JobView(r.jobId(), r.name(), state.name(), state.name(), r.submitTime(), finishTime, r.mapCount(), r.reduces(),
                0, 0, 0, 0, r.input(), r.output(), Map.of(), diagnostics, r.command(), r.owner());
    }

    /** Where a job is: MAP or REDUCE while it runs, then COMMITTING, FAIL_WAIT, KILL_WAIT, or its final state. */
    static String phase(JobStatus s) {
        if (s.phase() != JobPhase.RUNNING) return s.phase().name();
        return s.completedMaps() < s.maps() ? "MAP" : "REDUCE";
    }

    static WorkerView worker(WorkerStatus w, JobTable.WorkerNotes notes) {
        String state = w.state() != WorkerState.ALIVE ? w.state().name() : w.excludedFrom().isEmpty() ? "ALIVE" : "EXCLUDED";
        List<String> running = new ArrayList<>(w.running().size());
        for (var a : w.running()) running.add(a.toString());
        // a dead or awaited worker's are not known to run
        List<ExecutorView> executors = w.state() != WorkerState.ALIVE ? List.of() : notes.executors;
        return new WorkerView(w.workerId(), w.host(), w.address(), state, w.lastHeartbeat(), w.slots(), running,
                notes.tasksRun, notes.tasksFailed, w.excludedFrom(), notes.load, notes.memoryMb, executors, w.hostNames());
    }
}
