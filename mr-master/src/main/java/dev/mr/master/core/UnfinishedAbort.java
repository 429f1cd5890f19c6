package dev.mr.master.core;

import dev.mr.master.jobs.FileRoots;
import dev.mr.master.jobs.JobOutput;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.journal.JobJournal;
import dev.mr.protocol.JobView;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a job a restarted master does not resume: one whose failure or kill was decided before the
 * master stopped (its output was being removed), or one it cannot resume (its journal entries do
 * not fit it). Its output is aborted, unless it lies outside the file roots this master allows,
 * and only then is its end journaled, so a master that stops again first retries it at its next
 * start. Runs on the I/O pool; {@code done} receives the final view.
 */
final class UnfinishedAbort implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedAbort.class);

    private final JobRecord job;
    private final JobView ended;
    private final MasterSettings settings;
    private final JobJournal journal;
    private final Consumer<JobJournal.EndedJob> done;

    UnfinishedAbort(JobRecord job, JobView ended, MasterSettings settings, JobJournal journal, Consumer<JobJournal.EndedJob> done) {
        this.job = job;
        this.ended = ended;
        this.settings = settings;
        this.journal = journal;
        this.done = done;
    }

    @Override
    public void run() {
        try (JobOutput output = JobOutput.open(job, settings.url())) {
            if (!FileRoots.from(settings.conf()).allows(output.path())) {
                // admitted under other roots: this master may not touch it, so the job ends with its output as it is
                LOG.warn("job {} {}; its output {} is outside the allowed file roots now, left as it is", job.jobId(), ended.state(),
                        output.path());
            } else {
                output.abortJob();
                LOG.info("job {} {}: output {} aborted after the master's restart", job.jobId(), ended.state(), output.path());
            }
            journal.ended(ended, job.spec());
            done.accept(new JobJournal.EndedJob(ended, job.spec()));
        } catch (Exception e) {
            LOG.error("could not end job {} (output {}); the next start retries: {}", job.jobId(), job.output(), e.toString());
        }
    }
}
