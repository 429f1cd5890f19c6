package dev.mr.master.journal;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.jobs.JobIds;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.journal.JobJournal.EndedJob;
import dev.mr.master.journal.UnfinishedJob.Done;
import dev.mr.master.journal.UnfinishedJob.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job journal's records folded, in order, into what they say now: the ended jobs, and for
 * each job not ended what it achieved so far. Records about a job the fold does not hold as
 * unfinished (written after its end, by a thread that lost the race) change nothing. Pure;
 * single-threaded.
 */
final class JobsOnRecord {

    private static final class Unfinished {
        final JobRecord record;
        int resumptions;
        /** Per task id, the latest settled attempt. */
        final LinkedHashMap<String, Done> done = new LinkedHashMap<>();
        /** Per attempt id, those launched on tasks not settled since. */
        final LinkedHashMap<String, Done> launched = new LinkedHashMap<>();
        final List<UnfinishedJob.Failure> failures = new ArrayList<>();
        boolean killRequested;
        String abortState;
        String abortDiagnostics;

        Unfinished(JobRecord record) {
            this.record = record;
        }
    }

    private final Map<String, Unfinished> unfinished = new LinkedHashMap<>();
    private final Map<String, EndedJob> ended = new LinkedHashMap<>();
    private int lastJobNumber;

    /** Folds one record in; throws IllegalArgumentException for a record that names no valid attempt. */
    void add(JournalRecord r) {
        if (r instanceof JournalRecord.Submitted s) {
            unfinished.put(s.job().jobId(), new Unfinished(s.job()));
            lastJobNumber = Math.max(lastJobNumber, JobIds.number(s.job().jobId()));
        } else if (r instanceof JournalRecord.Ended e) {
            unfinished.remove(e.view().jobId());
            ended.put(e.view().jobId(), new EndedJob(e.view(), e.spec()));
            lastJobNumber = Math.max(lastJobNumber, JobIds.number(e.view().jobId()));
        } else if (r instanceof JournalRecord.Resumed x) {
            Unfinished j = unfinished.get(x.jobId());
            if (j != null) j.resumptions = Math.max(j.resumptions, x.resumption());
        } else if (r instanceof JournalRecord.Launched l) {
            Unfinished j = jobOf(l.attempt());
            if (j != null) j.launched.put(l.attempt(), new Done(l.attempt(), Stage.RUNNING, l.workerId(), l.address(), l.startTime(), -1, null));
        } else if (r instanceof JournalRecord.Failed f) {
            Unfinished j = jobOf(f.attempt());
            if (j != null) {
                j.launched.remove(f.attempt());
                Done d = j.done.get(taskOf(f.attempt()));
                if (d != null && d.attempt().equals(f.attempt())) j.done.remove(taskOf(f.attempt())); // its commit failed
                j.failures.add(new UnfinishedJob.Failure(f.attempt(), f.workerId(), f.startTime(), f.finishTime(), f.error()));
            }
        } else if (r instanceof JournalRecord.MapOutput m) {
            settled(m.attempt(), new Done(m.attempt(), Stage.MAP_OUTPUT, m.workerId(), m.address(), m.startTime(), m.finishTime(), m.counters()));
        } else if (r instanceof JournalRecord.MapOutputLost l) {
            Unfinished j = jobOf(l.attempt());
            String task = taskOf(l.attempt());
            if (j != null && j.done.containsKey(task) && j.done.get(task).attempt().equals(l.attempt())) j.done.remove(task);
        } else if (r instanceof JournalRecord.CommitStarted c) {
            settled(c.attempt(), new Done(c.attempt(), Stage.COMMITTING, c.workerId(), null, c.startTime(), c.finishTime(), c.counters()));
        } else if (r instanceof JournalRecord.TaskCommitted c) {
            Unfinished j = jobOf(c.attempt());
            Done d = j == null ? null : j.done.get(taskOf(c.attempt()));
            if (d != null && d.attempt().equals(c.attempt())) {
                j.done.put(taskOf(c.attempt()), new Done(d.attempt(), Stage.COMMITTED, d.workerId(), d.address(), d.startTime(),
                        d.finishTime(), d.counters()));
            }
        } else if (r instanceof JournalRecord.KillRequested k) {
            Unfinished j = unfinished.get(k.jobId());
            if (j != null) j.killRequested = true;
        } else if (r instanceof JournalRecord.Aborting a) {
            Unfinished j = unfinished.get(a.jobId());
            if (j != null) {
                j.abortState = a.state();
                j.abortDiagnostics = a.diagnostics();
            }
        }
    }

    /** The task's attempt {@code d} settled it: its other launched attempts no longer matter (they lost the race). */
    private void settled(String attempt, Done d) {
        Unfinished j = jobOf(attempt);
        if (j == null) return;
        String task = taskOf(attempt);
        j.done.put(task, d);
        j.launched.keySet().removeIf(a -> taskOf(a).equals(task));
    }

    private Unfinished jobOf(String attempt) {
        return unfinished.get(AttemptId.parse(attempt).task().jobId());
    }

    private static String taskOf(String attempt) {
        return AttemptId.parse(attempt).task().toString();
    }

    List<EndedJob> ended() {
        return List.copyOf(ended.values());
    }

    List<UnfinishedJob> unfinished() {
        List<UnfinishedJob> out = new ArrayList<>();
        for (Unfinished j : unfinished.values()) {
            List<Done> done = new ArrayList<>(j.done.values());
            done.addAll(j.launched.values());
            out.add(new UnfinishedJob(j.record, j.resumptions, done, j.failures, j.killRequested, j.abortState, j.abortDiagnostics));
        }
        return out;
    }

    int lastJobNumber() {
        return lastJobNumber;
    }

    /** The records that say the same as everything folded in: what a compacted journal holds. */
    static List<JournalRecord> records(List<EndedJob> ended, List<UnfinishedJob> unfinished) {
        List<JournalRecord> out = new ArrayList<>();
        for (EndedJob e : ended) out.add(new JournalRecord.Ended(e.view(), e.spec()));
        for (UnfinishedJob j : unfinished) {
            out.add(new JournalRecord.Submitted(j.record()));
            if (j.resumptions() > 0) out.add(new JournalRecord.Resumed(j.jobId(), j.resumptions()));
            for (UnfinishedJob.Failure f : j.failures()) {
                out.add(new JournalRecord.Failed(f.attempt(), f.workerId(), f.startTime(), f.finishTime(), f.error()));
            }
            for (Done d : j.done()) {
                if (d.stage() == Stage.RUNNING) {
                    out.add(new JournalRecord.Launched(d.attempt(), d.workerId(), d.address(), d.startTime()));
                } else if (d.stage() == Stage.MAP_OUTPUT) {
                    out.add(new JournalRecord.MapOutput(d.attempt(), d.workerId(), d.address(), d.startTime(), d.finishTime(), d.counters()));
                } else {
                    out.add(new JournalRecord.CommitStarted(d.attempt(), d.workerId(), d.startTime(), d.finishTime(), d.counters()));
                    if (d.stage() == Stage.COMMITTED) out.add(new JournalRecord.TaskCommitted(d.attempt()));
                }
            }
            if (j.killRequested()) out.add(new JournalRecord.KillRequested(j.jobId()));
            if (j.abortState() != null) out.add(new JournalRecord.Aborting(j.jobId(), j.abortState(), j.abortDiagnostics()));
        }
        return out;
    }
}
