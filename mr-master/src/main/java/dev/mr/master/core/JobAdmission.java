package dev.mr.master.core;

import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FsPath;
import dev.mr.master.jobs.FileStore;
import dev.mr.master.jobs.JarStore;
import dev.mr.master.jobs.JobIds;
import dev.mr.master.jobs.JobOutput;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.jobs.JobValidator;
import dev.mr.master.jobs.Submission;
import dev.mr.master.jobs.ValidatedJob;
import dev.mr.master.journal.JobJournal;
import dev.mr.protocol.JobSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a submission from upload to journaled job: validates it ({@link JobValidator}, which
 * writes nothing), then, for a valid one only, gives it the next job id, claims its output
 * (no two running jobs write to nested outputs), prepares the output directory, keeps the jar
 * and journals the job, forced to disk, before the caller acknowledges it. A refusal at any
 * step leaves no jar, no journal record and (unless the failure came after the output was
 * prepared, which is then aborted) nothing in the output. Its shipped files are kept with the jar
 * and held until the job ends ({@link #release}).
 *
 * <p>Runs on the I/O pool; acceptance is serialized on {@code this}, so ids are journaled in order.
 */
final class JobAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(JobAdmission.class);

    /** A journaled job, ready for the scheduler. */
    record Admitted(JobRecord record, JobOutput output) {}

    private final JobValidator validator;
    private final JarStore jars;
    private final FileStore files;
    private final JobJournal journal;
    private final String url;
    private final LongSupplier clock;
    private int lastNumber; // guarded by this
    private final Map<String, FsPath> claims = new LinkedHashMap<>(); // guarded by this

    JobAdmission(JobValidator validator, JarStore jars, FileStore files, JobJournal journal, String url, LongSupplier clock, int lastNumber) {
        this.validator = validator;
        this.jars = jars;
        this.files = files;
        this.journal = journal;
        this.url = url;
        this.clock = clock;
        this.lastNumber = lastNumber;
    }

    /** @param largestWorkerMemoryMb the largest memory a live worker told at registration; 0 when none did */
    Admitted admit(Submission s, long largestWorkerMemoryMb) {
        ValidatedJob v;
        try {
            v = validator.validate(s, largestWorkerMemoryMb);
        } catch (InvalidJobException e) {
            throw Refusal.badRequest(e.getMessage());
        } catch (IOException e) {
            throw Refusal.unavailable("could not check the job's input and output: " + e.getMessage() + "; retry when the store is up");
        }
        try {
            return accept(s, v);
        } catch (RuntimeException e) {
            v.output().close();
            throw e;
        }
    }

    private synchronized Admitted accept(Submission s, ValidatedJob v) {
        FsPath out = v.output().path();
        for (Map.Entry<String, FsPath> c : claims.entrySet()) {
            if (out.isUnder(c.getValue()) || c.getValue().isUnder(out)) {
                throw Refusal.conflict("output " + out + " overlaps the output " + c.getValue() + " of running job " + c.getKey()
                        + "; choose another output or wait for that job to end");
            }
        }
        String id = JobIds.format(++lastNumber); // spent even if acceptance fails below: ids may skip, never repeat
        boolean prepared = false;
        try {
            v.output().prepare(v.overwrite());
            prepared = true;
            jars.keep(s.jar(), id);
            files.keep(id, v.uploads());
            JobRecord record = v.toRecord(id, clock.getAsLong(), url, s.owner());
            journal.submitted(record);
            claims.put(id, out);
            LOG.info("accepted job {} ({}): {} maps, {} reduces, output {}", id, record.name(), record.mapCount(), record.reduces(), out);
            return new Admitted(record, v.output());
        } catch (IOException | RuntimeException e) {
            jars.remove(id);
            files.release(id);
            if (prepared) abortQuietly(v.output());
            LOG.error("could not accept a job as {}", id, e);
            throw Refusal.unavailable("could not accept the job: " + e.getMessage());
        }
    }

    /** Reserves a job's output (a resolved path such as {@code dfs:/out}) and its shipped files for a job that is not admitted here. */
    synchronized void claim(JobRecord job) {
        claims.put(job.jobId(), FsPath.parse(job.output(), "file"));
        files.hold(job.jobId(), job.files().stream().map(JobSpec.ShippedFile::sha256).toList());
    }

    /** The job ended: its output may be used again, and its shipped files go unless another job holds them. */
    synchronized void release(String jobId) {
        claims.remove(jobId);
        files.release(jobId);
    }

    private static void abortQuietly(JobOutput output) {
        try {
            output.abortJob();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove {} after a failed acceptance: {}", output.path(), e.toString());
        }
    }
}
