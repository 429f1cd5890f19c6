package dev.mr.master.core;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.JobState;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.jobs.JobOutput;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.journal.JobJournal;
import dev.mr.protocol.JobView;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a job that was running when the master stopped: the scheduler's state died with the
 * master, so the job fails and its output is aborted; but when its output carries
 * {@code _SUCCESS} its commit had finished, so it is reported SUCCEEDED (without counters,
 * which were not journaled). The end is journaled only after the abort, so a master that stops
 * again first retries it at its next start. Runs on the I/O pool; {@code done} receives the
 * final view.
 */
final class Interrupted implements Runnable {

    static final String DIAGNOSTICS = "master restarted while the job ran";
    static final String COMMITTED = "the master restarted after the job's output was committed; its counters were not kept";

    private static final Logger LOG = LoggerFactory.getLogger(Interrupted.class);

    private final JobRecord job;
    private final JobView failed;
    private final MasterSettings settings;
    private final JobJournal journal;
    private final Consumer<JobJournal.EndedJob> done;

    Interrupted(JobRecord job, JobView failed, MasterSettings settings, JobJournal journal, Consumer<JobJournal.EndedJob> done) {
        this.job = job;
        this.failed = failed;
        this.settings = settings;
        this.journal = journal;
        this.done = done;
    }

    @Override
    public void run() {
        Configuration conf = new Configuration(job.conf()).set(ConfKeys.MASTER, settings.url());
        try (JobOutput output = JobOutput.open(conf)) {
            JobView view = failed;
            if (!FileRoots.from(settings.conf()).allows(output.path())) {
                // admitted under other roots: this master may not touch it, so the job fails with its output as it is
                LOG.warn("job {} ran when the master stopped: FAILED; its output {} is outside the allowed file roots now, left as it is",
                        job.jobId(), output.path());
            } else if (output.committed()) {
                view = Views.ended(job, JobState.SUCCEEDED, failed.finishTime(), COMMITTED);
                LOG.info("job {} was committed before the master restarted: SUCCEEDED", job.jobId());
            } else {
                output.abortJob();
                LOG.info("job {} ran when the master stopped: FAILED, output {} aborted", job.jobId(), output.path());
            }
            journal.ended(view, job.spec());
            done.accept(new JobJournal.EndedJob(view, job.spec()));
        } catch (Exception e) {
            LOG.error("could not end interrupted job {} (output {}); the next start retries: {}", job.jobId(), job.output(), e.toString());
        }
    }
}
