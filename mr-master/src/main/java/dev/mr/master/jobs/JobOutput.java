package dev.mr.master.jobs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.OutputCommitter;
import dev.mr.api.spi.AttemptId;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A job's output directory and the filesystems it lives in, seen from the master, which runs
 * the commit protocol of the output store's {@link OutputCommitter}: a task commit makes one
 * attempt's files its task's, the job commit publishes the part files and writes {@code _SUCCESS},
 * an abort removes everything the job wrote. Every method blocks on filesystem calls (dfs: HTTP to the
 * master's own store): call them on an I/O thread, never on an event loop.
 *
 * <p>Thread-safe (the filesystems are); open for as long as the job can commit, then closed.
 */
public final class JobOutput implements Closeable {

    private final FileSystems fileSystems;
    private final OutputCommitter committer;

    private JobOutput(FileSystems fileSystems, FsPath path) {
        this.fileSystems = fileSystems;
        this.committer = fileSystems.get(path).outputCommitter(path);
    }

    /** Opens the output that {@code conf} names, resolved against its default scheme. */
    public static JobOutput open(Configuration conf) {
        FileSystems fs = new FileSystems(conf);
        String output = conf.get(ConfKeys.OUTPUT_PATH);
        try {
            if (output == null) throw new InvalidJobException("the job has no output path (set " + ConfKeys.OUTPUT_PATH + ")");
            FsPath path;
            try {
                path = fs.resolve(output);
            } catch (IllegalArgumentException e) {
                throw new InvalidJobException("output " + output + " is not a valid path: " + e.getMessage());
            }
            return new JobOutput(fs, path);
        } catch (RuntimeException e) {
            closeQuietly(fs);
            throw e;
        }
    }

    /** Opens the output of an accepted job, as the master that runs it: its {@code dfs:} paths reach {@code masterUrl}. */
    public static JobOutput open(JobRecord job, String masterUrl) {
        return open(new Configuration(job.conf()).set(ConfKeys.MASTER, masterUrl));
    }

    public FileSystems fileSystems() {
        return fileSystems;
    }

    public FsPath path() {
        return committer.output();
    }

    /** Refuses an output that exists, without changing anything. */
    public void checkAbsent() throws IOException {
        if (fileSystems.get(path()).exists(path())) {
            throw new InvalidJobException("output " + path() + " already exists; remove it or set "
                    + ConfKeys.OUTPUT_OVERWRITE + "=true");
        }
    }

    /** Makes the output ready for attempts: removes an existing one when {@code overwrite}, then sets the committer up. */
    public void prepare(boolean overwrite) throws IOException {
        committer.checkOutput(overwrite);
        committer.setupJob();
    }

    public void commitTask(AttemptId attempt) throws IOException {
        committer.commitTask(attempt.task().toString(), attempt.toString());
    }

    /**
     * Commits the job: first publishes the skipped records of {@code skippedMaps} (winning map
     * attempts of a job with reduces, which have no task commit to bring them), then the committed
     * tasks' files and {@code _SUCCESS}. Every other attempt's files are discarded.
     */
    public void commitJob(List<AttemptId> skippedMaps) throws IOException {
        for (AttemptId a : skippedMaps) committer.commitSkipped(a.toString());
        committer.commitJob();
    }

    public void abortJob() throws IOException {
        committer.abortJob();
    }

    /** True when {@code _SUCCESS} is there: the job's commit finished. */
    public boolean committed() throws IOException {
        FsPath success = path().child(OutputCommitter.SUCCESS);
        return fileSystems.get(success).exists(success);
    }

    @Override
    public void close() {
        closeQuietly(fileSystems);
    }

    private static void closeQuietly(FileSystems fs) {
        try {
            fs.close();
        } catch (IOException ignored) {
            // a client that fails to close holds nothing the master still needs
        }
    }
}
