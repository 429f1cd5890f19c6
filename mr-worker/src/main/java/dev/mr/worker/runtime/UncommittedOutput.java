package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.OutputCommitter;
import dev.mr.api.spi.AttemptId;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At a job's clean-up, discards what its attempts that finished on this worker wrote to the job's
 * output and nobody committed. The master aborts a failed or killed job's output without waiting
 * for its running attempts, so an attempt that finished just after the abort (before the kill
 * reached it) left its files under the output, and on S3 each one an upload nobody completes. A
 * committed attempt's files have moved (the job's commit precedes its clean-up), so discarding is
 * a no-op for them: no job outcome is needed. Only attempts that write to the output are asked
 * about: reduces, maps of a map-only job, and maps of a job that may skip records.
 */
final class UncommittedOutput {

    private static final Logger LOG = LoggerFactory.getLogger(UncommittedOutput.class);

    private UncommittedOutput() {}

    /** Blocks on the output's store: call on an I/O thread. */
    static void discard(Configuration conf, Set<AttemptId> attempts) {
        String output = conf.get(ConfKeys.OUTPUT_PATH);
        if (output == null) return;
        boolean mapsWrite = conf.getInt(ConfKeys.REDUCERS, 1) == 0 || conf.getLong(ConfKeys.SKIP_MAP_RECORDS_MAX, 0) > 0;
        try (FileSystems fileSystems = new FileSystems(conf)) {
            FsPath path = fileSystems.resolve(output);
            OutputCommitter committer = fileSystems.get(path).outputCommitter(path);
            for (AttemptId a : attempts) {
                if (a.task().map() && !mapsWrite) continue;
                committer.abortTask(a.toString());
            }
        } catch (Exception e) {
            LOG.warn("could not discard the uncommitted output of {} attempts under {}: {}", attempts.size(), output, e.toString());
        }
    }
}
