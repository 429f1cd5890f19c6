package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.OutputCommitter;
import dev.mr.api.spi.AttemptId;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At a job's clean-up, once none of its attempts runs on this worker any more, discards what they
 * wrote to the job's output and nobody committed. The master aborts a failed or killed job's
 * output without waiting for its running attempts, so an attempt that went on writing until the
 * kill reached it left its files under the output (on S3, uploads nobody completes), and the
 * directories above them. A committed attempt's files have moved (the job's commit precedes its
 * clean-up), so discarding is a no-op for them: no job outcome is needed. Then the job's work
 * directory and the output itself go if nothing is left in them; a committed output always holds
 * {@code _SUCCESS}. Only attempts that write to the output are asked about: reduces, maps of a
 * map-only job, and maps of a job that may skip records.
 */
final class UncommittedOutput {

    private static final Logger LOG = LoggerFactory.getLogger(UncommittedOutput.class);

    private UncommittedOutput() {}

    /** Blocks on the output's store: call on an I/O thread. */
    static void discard(Configuration conf, String jobId, Set<AttemptId> attempts) {
        String output = conf.get(ConfKeys.OUTPUT_PATH);
        if (output == null) return;
        boolean mapsWrite = conf.getInt(ConfKeys.REDUCERS, 1) == 0 || conf.getLong(ConfKeys.SKIP_MAP_RECORDS_MAX, 0) > 0;
        try (FileSystems fileSystems = new FileSystems(conf)) {
            FsPath path = fileSystems.resolve(output);
            FileSystem fs = fileSystems.get(path);
            OutputCommitter committer = fs.outputCommitter(path);
            boolean wrote = false;
            for (AttemptId a : attempts) {
                if (a.task().map() && !mapsWrite) continue;
                committer.abortTask(a.toString());
                wrote = true;
            }
            if (!wrote) return;
            deleteIfEmpty(fs, committer.workDir(jobId));
            deleteIfEmpty(fs, path);
        } catch (Exception e) {
            LOG.warn("could not discard the uncommitted output of {} attempts under {}: {}", attempts.size(), output, e.toString());
        }
    }

    /** Another worker's attempt may still be writing there: a directory that is not empty stays. */
    private static void deleteIfEmpty(FileSystem fs, FsPath dir) throws IOException {
        if (fs.exists(dir) && fs.list(dir).isEmpty()) fs.delete(dir, false);
    }
}
