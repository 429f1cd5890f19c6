package dev.mr.worker.task;

import dev.mr.api.TaskInfo;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.io.FileOutputCommitter;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.JobDefinition;
import java.nio.file.Path;

/**
 * What one task attempt runs with: the job, which attempt it is, where it runs, the
 * filesystems for input and output, and a local scratch directory it owns (spills, map
 * output). The same for the local runner and the worker daemon.
 *
 * @param scratchDir a directory for this attempt alone; the caller deletes it
 */
public record TaskEnvironment(JobDefinition job, AttemptId attempt, String workerId, FileSystems fileSystems, Path scratchDir) {

    TaskInfo taskInfo(String inputPath) {
        return new TaskInfo(attempt.task().jobId(), attempt.toString(), workerId, attempt.task().index(), inputPath);
    }

    FileOutputCommitter committer() {
        var output = fileSystems.resolve(job.outputPath());
        return new FileOutputCommitter(fileSystems.get(output), output);
    }
}
