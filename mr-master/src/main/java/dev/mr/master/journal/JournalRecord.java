package dev.mr.master.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mr.master.jobs.JobRecord;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;
import java.util.Map;

/**
 * One entry of the job journal, as JSON in a CRC frame: an event in a job's life that a restarted
 * master needs to resume it, or to show it once it ended. Read back in order, the entries are the
 * job's history; a standby master could follow them as they are written.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalRecord.Submitted.class, name = "submitted"),
    @JsonSubTypes.Type(value = JournalRecord.Resumed.class, name = "resumed"),
    @JsonSubTypes.Type(value = JournalRecord.Launched.class, name = "launched"),
    @JsonSubTypes.Type(value = JournalRecord.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = JournalRecord.MapOutput.class, name = "map-output"),
    @JsonSubTypes.Type(value = JournalRecord.MapOutputLost.class, name = "map-output-lost"),
    @JsonSubTypes.Type(value = JournalRecord.CommitStarted.class, name = "commit-started"),
    @JsonSubTypes.Type(value = JournalRecord.TaskCommitted.class, name = "task-committed"),
    @JsonSubTypes.Type(value = JournalRecord.KillRequested.class, name = "kill-requested"),
    @JsonSubTypes.Type(value = JournalRecord.Aborting.class, name = "aborting"),
    @JsonSubTypes.Type(value = JournalRecord.Ended.class, name = "ended")
})
sealed interface JournalRecord {

    /** Written, and forced to disk, before the submission is acknowledged. */
    record Submitted(JobRecord job) implements JournalRecord {}

    /** A restarted master took the job up again, for the {@code resumption}-th time; before any of its new attempts. */
    record Resumed(String jobId, int resumption) implements JournalRecord {}

    /** An attempt was launched on a worker (whose shuffle address comes with it). */
    record Launched(String attempt, String workerId, String address, long startTime) implements JournalRecord {}

    /** An attempt failed with {@code error}; it counts toward its task's attempts. */
    record Failed(String attempt, String workerId, long startTime, long finishTime, String error) implements JournalRecord {}

    /** A map attempt's output lives on a worker (the attempt's times and counters come with it). */
    record MapOutput(String attempt, String workerId, String address, long startTime, long finishTime,
                     Map<String, Map<String, Long>> counters) implements JournalRecord {}

    /** That output is gone; its map runs again. */
    record MapOutputLost(String attempt) implements JournalRecord {}

    /** Written before the attempt's output is renamed into its task's place. */
    record CommitStarted(String attempt, String workerId, long startTime, long finishTime,
                         Map<String, Map<String, Long>> counters) implements JournalRecord {}

    /** Written once the rename is done, before the scheduler hears of it. */
    record TaskCommitted(String attempt) implements JournalRecord {}

    /** A user asked to kill the job. */
    record KillRequested(String jobId) implements JournalRecord {}

    /** The job failed or was killed ({@code state}); its output is being removed. */
    record Aborting(String jobId, String state, String diagnostics) implements JournalRecord {}

    /** The job's final view, and its spec, which is all the journal keeps of it from then on. */
    record Ended(JobView view, JobSpec spec) implements JournalRecord {}
}
