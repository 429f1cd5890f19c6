package dev.mr.hadoop;

import dev.mr.api.ConfKeys;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.OutputCommitter;
import dev.mr.api.spi.AttemptId;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.fs.s3a.commit.CommitConstants;
import org.apache.hadoop.fs.s3a.commit.files.PendingSet;
import org.apache.hadoop.fs.s3a.commit.files.SinglePendingCommit;
import org.apache.hadoop.fs.s3a.commit.impl.CommitContext;
import org.apache.hadoop.fs.s3a.commit.impl.CommitOperations;
import org.apache.hadoop.fs.statistics.IOStatisticsContext;

/**
 * Commits output on S3 without a rename, with S3A's magic committer paths (see Hadoop's
 * {@code committer_architecture.md}): an attempt writes {@code part-r-00003} to
 * {@code <output>/__magic_job-<job>/<attempt>/__base/part-r-00003}, and S3A turns that write into
 * a multipart upload to {@code <output>/part-r-00003} that it does not complete, saving what
 * completing needs in a {@code .pending} file beside it. So the part file does not exist until the
 * job commit, and nothing of an attempt that is never committed ever appears under its name.
 *
 * <ul>
 *   <li>Task commit gathers the attempt's {@code .pending} files into
 *       {@code __magic_job-<job>/<attempt>.pendingset}: a second commit of the same attempt (a master
 *       restarted mid-commit) finds it and does nothing; another attempt of a committed task is refused.
 *   <li>Job commit completes the uploads of every pendingset, then aborts every other upload under
 *       the output (losing, failed and killed attempts), removes the magic directories and writes
 *       {@code _SUCCESS} last. An upload a previous try already completed is recognised by its file.
 *   <li>Job abort aborts every pending upload under the output, then removes what the job wrote
 *       (the whole output when nothing else is in it).
 * </ul>
 *
 * <p>The master and the attempts compute the same paths from the output and the attempt id (which
 * holds the job id). Thread-safe: each call works on its own objects.
 */
final class MagicCommitter implements OutputCommitter {

    static final String MAGIC_PREFIX = CommitConstants.MAGIC_PATH_PREFIX;

    private final HadoopFileSystem fs;
    private final FsPath output;

    MagicCommitter(HadoopFileSystem fs, FsPath output) {
        this.fs = fs;
        this.output = output;
    }

    @Override
    public FsPath output() {
        return output;
    }

    @Override
    public FsPath workDir(String jobId) {
        return output.child(MAGIC_PREFIX + jobId);
    }

    @Override
    public FsPath attemptDir(String attemptId) {
        return workDir(jobOf(attemptId)).child(attemptId).child(CommitConstants.BASE);
    }

    private FsPath pendingSet(String attemptId) {
        return workDir(jobOf(attemptId)).child(attemptId + CommitConstants.PENDINGSET_SUFFIX);
    }

    /** The attempt of {@code taskId} whose pendingset is in {@code magicDir}, or null. */
    private String committedAttempt(FsPath magicDir, String taskId) throws IOException {
        if (!fs.exists(magicDir)) return null;
        for (FileStatus f : fs.list(magicDir)) {
            String name = f.path().name();
            if (!f.directory() && name.startsWith(taskId + "_") && name.endsWith(CommitConstants.PENDINGSET_SUFFIX)) {
                return name.substring(0, name.length() - CommitConstants.PENDINGSET_SUFFIX.length());
            }
        }
        return null;
    }

    private static String jobOf(String attemptId) {
        return AttemptId.parse(attemptId).task().jobId();
    }

    @Override
    public void checkOutput(boolean overwrite) throws IOException {
        if (!fs.exists(output)) return;
        if (!overwrite) {
            throw new InvalidJobException("output " + output + " already exists; remove it or set " + ConfKeys.OUTPUT_OVERWRITE + "=true");
        }
        operations().abortPendingUploadsUnderPath(path(output));
        fs.delete(output, true);
    }

    /** Refuses a bucket whose magic committer is turned off ({@code fs.s3a.committer.magic.enabled=false}). */
    @Override
    public void setupJob() throws IOException {
        if (!s3().hasPathCapability(path(output), CommitConstants.STORE_CAPABILITY_MAGIC_COMMITTER)) {
            throw new InvalidJobException("output " + output + ": S3A's magic committer is off for bucket " + output.authority()
                    + " (" + CommitConstants.MAGIC_COMMITTER_ENABLED + "=false); mr commits s3a: output with it, so turn it on");
        }
    }

    @Override
    public void commitTask(String taskId, String attemptId) throws IOException {
        S3AFileSystem s3 = s3();
        String winner = committedAttempt(workDir(jobOf(attemptId)), taskId);
        if (attemptId.equals(winner)) return;
        if (winner != null) {
            throw new IOException("task " + taskId + " of output " + output + " was already committed by attempt " + winner
                    + "; attempt " + attemptId + " may not commit it");
        }
        PendingSet set;
        try (CommitContext ctx = context(s3, jobOf(attemptId))) {
            set = pending(s3, ctx, attemptDir(attemptId));
        }
        set.setJobId(jobOf(attemptId));
        set.save(s3, path(pendingSet(attemptId)), PendingSet.serializer());
    }

    @Override
    public void abortTask(String attemptId) throws IOException {
        S3AFileSystem s3 = s3();
        FsPath dir = attemptDir(attemptId);
        if (!fs.exists(dir)) return;
        try (CommitContext ctx = context(s3, jobOf(attemptId))) {
            operations(s3).abortAllSinglePendingCommits(path(dir), ctx, true).maybeRethrow();
        }
        fs.delete(dir.parent(), true);
    }

    @Override
    public void commitSkipped(String attemptId) throws IOException {
        S3AFileSystem s3 = s3();
        FsPath dir = attemptDir(attemptId).child(SKIPPED);
        if (!fs.exists(dir)) return;
        try (CommitContext ctx = context(s3, jobOf(attemptId))) {
            for (SinglePendingCommit c : pending(s3, ctx, dir).getCommits()) complete(s3, ctx, c);
        }
    }

    @Override
    public void commitJob() throws IOException {
        S3AFileSystem s3 = s3();
        List<FsPath> magic = magicDirs();
        for (FsPath dir : magic) {
            try (CommitContext ctx = context(s3, dir.name().substring(MAGIC_PREFIX.length()))) {
                for (FileStatus f : fs.list(dir)) {
                    if (f.directory() || !f.path().name().endsWith(CommitConstants.PENDINGSET_SUFFIX)) continue;
                    for (SinglePendingCommit c : PendingSet.load(s3, path(f.path()), null).getCommits()) complete(s3, ctx, c);
                }
            }
        }
        operations(s3).abortPendingUploadsUnderPath(path(output)); // every attempt not committed: losers, failed, killed
        for (FsPath dir : magic) fs.delete(dir, true);
        FsPath success = output.child(SUCCESS);
        if (!fs.exists(success)) fs.create(success).close();
    }

    /**
     * Aborts every upload under the output first, so that once the output is gone none is left;
     * then removes the output in one recursive delete when all in it is the job's (S3A would
     * otherwise leave, for a moment, a marker of the emptied directory), else only the job's files.
     */
    @Override
    public void abortJob() throws IOException {
        if (!fs.exists(output)) return;
        operations().abortPendingUploadsUnderPath(path(output));
        List<FsPath> ours = new ArrayList<>();
        boolean onlyOurs = true;
        for (FileStatus f : fs.list(output)) {
            String name = f.path().name();
            if (name.startsWith(MAGIC_PREFIX) || name.equals(SKIPPED) || name.equals(SUCCESS) || name.startsWith("part-")) ours.add(f.path());
            else onlyOurs = false;
        }
        if (onlyOurs) {
            fs.delete(output, true);
        } else {
            for (FsPath p : ours) fs.delete(p, true);
        }
    }

    /** Completes one upload; an upload already completed (a repeated job commit) is recognised by its file's length. */
    private static void complete(S3AFileSystem s3, CommitContext ctx, SinglePendingCommit c) throws IOException {
        try {
            ctx.commitOrFail(c);
        } catch (IOException e) {
            try {
                if (s3.getFileStatus(s3.keyToQualifiedPath(c.getDestinationKey())).getLen() == c.getLength()) return;
            } catch (FileNotFoundException absent) {
                e.addSuppressed(absent);
            }
            throw e;
        }
    }

    /** The uploads an attempt's files under {@code dir} are waiting in. */
    private PendingSet pending(S3AFileSystem s3, CommitContext ctx, FsPath dir) throws IOException {
        if (!fs.exists(dir)) return new PendingSet();
        var loaded = operations(s3).loadSinglePendingCommits(path(dir), true, ctx);
        if (!loaded.getRight().isEmpty()) {
            var first = loaded.getRight().get(0);
            throw new IOException("cannot read the pending upload " + first.getLeft().getPath() + ": " + first.getRight().getMessage(),
                    first.getRight());
        }
        return loaded.getLeft();
    }

    private List<FsPath> magicDirs() throws IOException {
        List<FsPath> out = new ArrayList<>();
        if (!fs.exists(output)) return out;
        for (FileStatus f : fs.list(output)) if (f.directory() && f.path().name().startsWith(MAGIC_PREFIX)) out.add(f.path());
        return out;
    }

    private CommitContext context(S3AFileSystem s3, String jobId) throws IOException {
        return new CommitContext(operations(s3), s3.getConf(), jobId, 1, IOStatisticsContext.getCurrentIOStatisticsContext());
    }

    private CommitOperations operations() throws IOException {
        return operations(s3());
    }

    private static CommitOperations operations(S3AFileSystem s3) throws IOException {
        return new CommitOperations(s3);
    }

    private S3AFileSystem s3() throws IOException {
        return (S3AFileSystem) fs.client(output);
    }

    private Path path(FsPath p) throws IOException {
        return fs.hadoopPath(p);
    }
}
