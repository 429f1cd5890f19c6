package dev.mr.master.jobs;

import dev.mr.api.SensitiveKeys;
import dev.mr.api.spi.EncodedSplit;
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
 * @param files   the files shipped with it, kept in the master's {@link FileStore} until it ends
 *                (none in a record journaled before them)
 */
public record JobRecord(String jobId, long submitTime, String name, String input, String output, String command,
                        Map<String, String> conf, String jarSha256, int reduces, List<EncodedSplit> splits, String owner,
                        List<JobSpec.ShippedFile> files) {

    public JobRecord {
        conf = Map.copyOf(conf);
        splits = List.copyOf(splits);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A job that ships no files. */
    public JobRecord(String jobId, long submitTime, String name, String input, String output, String command,
                     Map<String, String> conf, String jarSha256, int reduces, List<EncodedSplit> splits, String owner) {
        this(jobId, submitTime, name, input, output, command, conf, jarSha256, reduces, splits, owner, List.of());
    }

    /** Whether the job ships the file whose content is {@code sha256}. */
    public boolean ships(String sha256) {
        for (JobSpec.ShippedFile f : files) if (f.sha256().equals(sha256)) return true;
        return false;
    }

    public int mapCount() {
        return splits.size();
    }

    /** With the settings' credentials redacted: safe in a log line or an error. */
    @Override
    public String toString() {
        return "JobRecord[jobId=" + jobId + ", submitTime=" + submitTime + ", name=" + name + ", input=" + input + ", output=" + output
                + ", command=" + command + ", conf=" + SensitiveKeys.of(conf).redacted(conf) + ", jarSha256=" + jarSha256 + ", reduces=" + reduces
                + ", splits=" + splits.size() + ", owner=" + owner + ", files=" + files + "]";
    }

    public JobSpec spec() {
        return new JobSpec(jobId, new java.util.TreeMap<>(conf), jarSha256, files);
    }
}
