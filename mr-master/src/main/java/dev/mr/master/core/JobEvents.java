package dev.mr.master.core;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.journal.UnfinishedJob;
import dev.mr.master.scheduler.Event;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.master.scheduler.MapSplit;
import java.util.ArrayList;
import java.util.List;

/** A job's record, and what the journal kept of it, as the events that start or resume it in the scheduler. Pure. */
final class JobEvents {

    private JobEvents() {}

    static Event.JobSubmitted submitted(JobRecord r, long now) {
        return new Event.JobSubmitted(now, r.jobId(), JobSettings.from(new Configuration(r.conf())), splits(r), r.reduces());
    }

    /** Throws IllegalArgumentException when an entry names no attempt. */
    static Event.JobResumed resumed(UnfinishedJob job, long now) {
        JobRecord r = job.record();
        List<Event.TaskDone> done = new ArrayList<>();
        for (UnfinishedJob.Done d : job.done()) {
            done.add(new Event.TaskDone(AttemptId.parse(d.attempt()), Event.Stage.valueOf(d.stage().name()), d.workerId(), d.address(),
                    d.startTime(), d.finishTime(), d.counters() == null ? new Counters() : Counters.of(d.counters())));
        }
        List<Event.AttemptFailed> failed = new ArrayList<>();
        for (UnfinishedJob.Failure f : job.failures()) {
            failed.add(new Event.AttemptFailed(AttemptId.parse(f.attempt()), f.workerId(), f.startTime(), f.finishTime(), f.error()));
        }
        return new Event.JobResumed(now, r.jobId(), JobSettings.from(new Configuration(r.conf())), splits(r), r.reduces(),
                job.resumptions() + 1, done, failed);
    }

    private static List<MapSplit> splits(JobRecord r) {
        List<MapSplit> splits = new ArrayList<>(r.mapCount());
        for (int i = 0; i < r.mapCount(); i++) {
            EncodedSplit s = r.splits().get(i);
            splits.add(new MapSplit(i, s.length(), s.hosts()));
        }
        return splits;
    }
}
