package dev.mr.master.jobs;

import dev.mr.protocol.JobSpec;
import java.util.List;
import java.util.Map;

/**
 * What the master fixes about a job when it accepts it, and journals: never changes afterwards.
 * Immutable; shared freely between threads.
 *
 * @param conf    the settings the job's tasks run with: the master's defaults under the
 *                submitted ones, plus {@code mr.master} and {@code mr.fs.default}
 * @param input   the input paths as submitted
 * @param output  the output directory, resolved ({@code dfs:/out})
 * @param command the {@code mr-submit} command that submits the same job again
 * @param splits  one per map task, in task order
 */
public record JobRecord(String jobId, long submitTime, String name, String input, String output, String command,
                        Map<String, String> conf, String jarSha256, int reduces, List<EncodedSplit> splits, String owner) {

    public JobRecord {
        conf = Map.copyOf(conf);
        splits = List.copyOf(splits);
    }

    public int mapCount() {
        return splits.size();
    }

    public JobSpec spec() {
        return new JobSpec(jobId, new java.util.TreeMap<>(conf), jarSha256);
    }
}
