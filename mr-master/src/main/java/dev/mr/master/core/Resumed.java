package dev.mr.master.core;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.master.journal.UnfinishedJob;
import dev.mr.master.scheduler.Event;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.master.scheduler.MapSplit;
import java.util.ArrayList;
import java.util.List;

/** What the journal kept of an unfinished job, as the event that resumes it in the scheduler. Pure. */
final class Resumed {

    private Resumed() {}

    /** Throws IllegalArgumentException when an entry names no attempt. */
    static Event.JobResumed event(UnfinishedJob job, long now) {
        var r = job.record();
        List<MapSplit> splits = new ArrayList<>(r.mapCount());
        for (int i = 0; i < r.mapCount(); i++) splits.add(r.splits().get(i).toMapSplit(i));
        List<Event.TaskDone> done = new ArrayList<>();
        for (UnfinishedJob.Done d : job.done()) {
            done.add(new Event.TaskDone(AttemptId.parse(d.attempt()), Event.Stage.valueOf(d.stage().name()), d.workerId(), d.address(),
                    d.startTime(), d.finishTime(), d.counters() == null ? new Counters() : Counters.of(d.counters())));
        }
        return new Event.JobResumed(now, r.jobId(), JobSettings.from(new Configuration(r.conf())), splits, r.reduces(),
                job.resumptions() + 1, done);
    }
}
