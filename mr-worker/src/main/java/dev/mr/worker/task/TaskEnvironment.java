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
 * @param scratchDir      a directory for this attempt alone; the caller deletes it
 * @param slotMemoryBytes the attempt's share of the heap: the heap over the tasks that run at once
 */
public record TaskEnvironment(JobDefinition job, AttemptId attempt, String workerId, FileSystems fileSystems, Path scratchDir,
                              long slotMemoryBytes) {

    /** The bytes of fetched map output this (reduce) attempt may keep in memory. */
    public long reduceMemoryBytes() {
        return ReduceMemory.budgetBytes(job.conf(), slotMemoryBytes);
    }

    TaskInfo taskInfo(String inputPath) {
        return new TaskInfo(attempt.task().jobId(), attempt.toString(), workerId, attempt.task().index(), inputPath);
    }

    FileOutputCommitter committer() {
        var output = fileSystems.resolve(job.outputPath());
        return new FileOutputCommitter(fileSystems.get(output), output);
    }
}
