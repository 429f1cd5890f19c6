package dev.mr.worker.task;

import dev.mr.api.TaskInfo;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.io.OutputCommitter;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.JobDefinition;
import java.nio.file.Path;
import java.util.List;

/**
 * What one task attempt runs with: the job, which attempt it is, where it runs, the
 * filesystems for input and output, and a local scratch directory it owns (spills, map
 * output). The same for the local runner and the worker daemon.
 *
 * @param scratchDir      a directory for this attempt alone; the caller deletes it
 * @param slotMemoryBytes the attempt's share of the heap: the heap over the tasks that run at once
 * @param skipMode        the master runs this attempt in skip mode ({@code Assignment.skipMode}): records (key groups)
 *                        whose user code throws are skipped, and the record in user code is marked in
 *                        {@link CurrentRecord} in {@code scratchDir}; off in the local runner
 * @param skipRecords     in skip mode, records earlier attempts died on, skipped without calling user code
 */
public record TaskEnvironment(JobDefinition job, AttemptId attempt, String workerId, FileSystems fileSystems, Path scratchDir,
                              long slotMemoryBytes, boolean skipMode, List<String> skipRecords) {

    public TaskEnvironment {
        skipRecords = skipRecords == null ? List.of() : List.copyOf(skipRecords);
    }

    /** An environment out of skip mode. */
    public TaskEnvironment(JobDefinition job, AttemptId attempt, String workerId, FileSystems fileSystems, Path scratchDir,
                           long slotMemoryBytes) {
        this(job, attempt, workerId, fileSystems, scratchDir, slotMemoryBytes, false, List.of());
    }

    /** This environment in or out of skip mode, as the attempt's assignment says ({@code skipRecords} may be null: none). */
    public TaskEnvironment withSkipMode(boolean skipMode, List<String> skipRecords) {
        return new TaskEnvironment(job, attempt, workerId, fileSystems, scratchDir, slotMemoryBytes, skipMode, skipRecords);
    }

    /** The bytes of fetched map output this (reduce) attempt may keep in memory. */
    public long reduceMemoryBytes() {
        return ReduceMemory.budgetBytes(job.conf(), slotMemoryBytes);
    }

    TaskInfo taskInfo(String inputPath) {
        return new TaskInfo(attempt.task().jobId(), attempt.toString(), workerId, attempt.task().index(), inputPath);
    }

    /** The output store's committer, which says where this attempt writes. */
    public OutputCommitter committer() {
        var output = fileSystems.resolve(job.outputPath());
        return fileSystems.get(output).outputCommitter(output);
    }
}
