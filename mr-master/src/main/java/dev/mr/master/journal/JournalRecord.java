package dev.mr.master.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mr.master.jobs.JobRecord;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;

/** One entry of the job journal, as JSON in a CRC frame: a job was accepted, or a job ended. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalRecord.Submitted.class, name = "submitted"),
    @JsonSubTypes.Type(value = JournalRecord.Ended.class, name = "ended")
})
sealed interface JournalRecord {

    /** Written, and forced to disk, before the submission is acknowledged. */
    record Submitted(JobRecord job) implements JournalRecord {}

    /** The job's final view, and its spec, which is all the master keeps of it across a restart. */
    record Ended(JobView view, JobSpec spec) implements JournalRecord {}
}
