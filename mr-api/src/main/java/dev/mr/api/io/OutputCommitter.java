package dev.mr.api.io;

import dev.mr.api.fs.FsPath;
import java.io.IOException;

/**
 * How a job's output appears all at once or not at all, on one store. The output's
 * {@link dev.mr.api.fs.FileSystem#outputCommitter} chooses it: a rename where rename is atomic
 * ({@link FileOutputCommitter}), something else on an object store, where a rename is a copy.
 *
 * <p>The master runs the protocol ({@link #setupJob}, {@link #commitTask}, {@link #commitJob},
 * {@link #abortJob}); each attempt, wherever it runs, writes its files under
 * {@link #attemptDir}, so every implementation computes its paths from the output and the
 * attempt id alone. Everything a committer keeps under the output before the job commit has a
 * name starting with {@code _}, which readers skip; nothing of a running, failed or killed
 * attempt is ever read as output, and {@code _SUCCESS} is written last.
 */
public interface OutputCommitter {

    String SUCCESS = "_SUCCESS";
    /** Where a job's skipped records end up, and where each attempt keeps its own: a name readers skip. */
    String SKIPPED = "_skipped";

    FsPath output();

    /** Refuses an existing output unless {@code overwrite}, in which case it is deleted. */
    void checkOutput(boolean overwrite) throws IOException;

    /** Makes the output ready for attempts. */
    void setupJob() throws IOException;

    /** Where an attempt writes its files, named as they are to appear in the output. */
    FsPath attemptDir(String attemptId);

    /** The directory under the output that holds the job's attempt directories; {@link #commitJob} and {@link #abortJob} remove it. */
    FsPath workDir(String jobId);

    /** The file an attempt writes the records it skipped to: {@code <attemptDir>/_skipped/part-m-NNNNN}. */
    default FsPath skippedFile(String attemptId, boolean map, int index) {
        return attemptDir(attemptId).child(SKIPPED).child(FileOutputCommitter.partName(map, index));
    }

    /**
     * Makes an attempt's files its task's output; fails if another attempt of the task committed.
     * Asked again for the same attempt after a commit that finished (a master that stopped
     * mid-commit asks again after its restart), it does nothing.
     */
    void commitTask(String taskId, String attemptId) throws IOException;

    /** Discards an attempt's files. */
    void abortTask(String attemptId) throws IOException;

    /**
     * Publishes the skipped-records files of an attempt that won without a task commit (a map of
     * a job with reduces) into {@code <output>/_skipped/}; call before {@link #commitJob}.
     * Idempotent; nothing to do when the attempt skipped nothing.
     */
    void commitSkipped(String attemptId) throws IOException;

    /** Publishes every committed task's files, discards every other attempt's, writes {@code _SUCCESS} last. Idempotent. */
    void commitJob() throws IOException;

    /** Removes everything the job wrote: its work files and any part files already published. */
    void abortJob() throws IOException;
}
