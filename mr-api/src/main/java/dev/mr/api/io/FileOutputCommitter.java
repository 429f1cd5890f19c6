package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FsPath;
import java.io.IOException;
import java.util.Locale;

/**
 * Makes a job's output appear all at once or not at all. Each attempt writes under
 * {@code <output>/_temporary/<attempt>/}; committing a task renames that directory to
 * {@code _temporary/task_<task>/}, an atomic step that also refuses a second commit of the
 * same task; committing the job moves the committed files into {@code <output>/}, removes
 * {@code _temporary} and writes {@code _SUCCESS} last. An aborted job leaves neither
 * {@code part-} files nor {@code _SUCCESS}. Readers skip {@code _} names, so nothing of a
 * running or failed job is ever read as output. The committer of stores whose rename is atomic.
 */
public final class FileOutputCommitter implements OutputCommitter {

    public static final String TEMPORARY = "_temporary";

    private final FileSystem fs;
    private final FsPath output;

    public FileOutputCommitter(FileSystem fs, FsPath output) {
        this.fs = fs;
        this.output = output;
    }

    @Override
    public FsPath output() {
        return output;
    }

    /** The name of a task's output file: {@code part-r-00003}, or {@code part-m-00003} in a map-only job. */
    public static String partName(boolean map, int partition) {
        return String.format(Locale.ROOT, "part-%s-%05d", map ? "m" : "r", partition);
    }

    /** Refuses an existing output unless {@code overwrite}, in which case it is deleted. */
    @Override
    public void checkOutput(boolean overwrite) throws IOException {
        if (!fs.exists(output)) return;
        if (!overwrite) {
            throw new InvalidJobException("output " + output + " already exists; remove it or set "
                    + ConfKeys.OUTPUT_OVERWRITE + "=true");
        }
        fs.delete(output, true);
    }

    @Override
    public void setupJob() throws IOException {
        fs.mkdirs(output.child(TEMPORARY));
    }

    /** Where an attempt writes its files. */
    @Override
    public FsPath attemptDir(String attemptId) {
        return output.child(TEMPORARY).child(attemptId);
    }

    @Override
    public FsPath workDir(String jobId) {
        return output.child(TEMPORARY);
    }

    private FsPath committedDir(String taskId) {
        return output.child(TEMPORARY).child("task_" + taskId);
    }

    /**
     * Publishes an attempt's files as its task's output; fails if another attempt's output was
     * committed for the task. Asked again after a commit that finished (a master that stopped
     * mid-commit asks again after its restart), it finds the task committed and its attempt's
     * directory gone, and does nothing.
     */
    @Override
    public void commitTask(String taskId, String attemptId) throws IOException {
        FsPath from = attemptDir(attemptId);
        FsPath to = committedDir(taskId);
        if (!fs.exists(from)) {
            if (fs.exists(to)) return;
            fs.mkdirs(from);
        }
        fs.rename(from, to);
    }

    @Override
    public void abortTask(String attemptId) throws IOException {
        fs.delete(attemptDir(attemptId), true);
    }

    /** Moves every committed task's files into the output and writes {@code _SUCCESS}. Idempotent. */
    @Override
    public void commitJob() throws IOException {
        FsPath temp = output.child(TEMPORARY);
        if (fs.exists(temp)) {
            for (FileStatus task : fs.list(temp)) {
                if (!task.directory() || !task.path().name().startsWith("task_")) continue;
                for (FileStatus file : fs.list(task.path())) {
                    if (file.directory() && file.path().name().equals(SKIPPED)) {
                        moveFiles(file.path(), output.child(SKIPPED));
                        continue;
                    }
                    FsPath target = output.child(file.path().name());
                    if (!fs.exists(target)) fs.rename(file.path(), target);
                }
            }
            fs.delete(temp, true);
        }
        if (!fs.exists(output.child(SUCCESS))) fs.create(output.child(SUCCESS)).close();
    }

    /**
     * Publishes the skipped-records files of an attempt that won without a task commit (a map of a
     * job with reduces) into {@code <output>/_skipped/}; call before {@link #commitJob}. Idempotent;
     * nothing to do when the attempt skipped nothing.
     */
    @Override
    public void commitSkipped(String attemptId) throws IOException {
        FsPath dir = attemptDir(attemptId).child(SKIPPED);
        if (fs.exists(dir)) moveFiles(dir, output.child(SKIPPED));
    }

    /** Moves the files of {@code dir} into {@code target}, keeping any already there (a repeated commit). */
    private void moveFiles(FsPath dir, FsPath target) throws IOException {
        fs.mkdirs(target);
        for (FileStatus file : fs.list(dir)) {
            FsPath to = target.child(file.path().name());
            if (!fs.exists(to)) fs.rename(file.path(), to);
        }
    }

    /** Removes everything the job wrote: temporary files and any part files already moved. */
    @Override
    public void abortJob() throws IOException {
        if (!fs.exists(output)) return;
        fs.delete(output.child(TEMPORARY), true);
        fs.delete(output.child(SKIPPED), true);
        fs.delete(output.child(SUCCESS), false);
        for (FileStatus f : fs.list(output)) {
            if (f.path().name().startsWith("part-")) fs.delete(f.path(), true);
        }
        if (fs.list(output).isEmpty()) fs.delete(output, false);
    }
}
