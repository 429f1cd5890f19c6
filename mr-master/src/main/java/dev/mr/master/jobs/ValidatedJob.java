package dev.mr.master.jobs;

import dev.mr.api.SensitiveKeys;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.protocol.JobSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A submission that passed every check and has no id yet; nothing of it is written anywhere.
 * Holds its {@link JobOutput} open: the acceptor takes it over, or closes it on refusal.
 *
 * @param conf     the settings its tasks will run with
 * @param userConf the settings as submitted, for the reproducing command
 * @param jarName  the jar as the submitter named it ({@code mr.job.jar}, else the uploaded file's name)
 * @param files    the shipped files the spec lists
 * @param uploads  their uploads by SHA-256, each checked against it
 */
public record ValidatedJob(Map<String, String> conf, Map<String, String> userConf, String jarName, String jarSha256,
                           String name, String mapper, String input, int reduces, boolean overwrite,
                           List<EncodedSplit> splits, JobOutput output, List<JobSpec.ShippedFile> files, Map<String, Path> uploads) {

    /** The record to journal once the job has its id. */
    public JobRecord toRecord(String jobId, long submitTime, String masterUrl, String owner) {
        // the patterns of the job's settings with the master's defaults, which may add some
        String command = SubmitCommand.of(masterUrl, jarName, userConf, mapper, SensitiveKeys.of(conf));
        return new JobRecord(jobId, submitTime, name, input, output.path().toString(), command, conf, jarSha256, reduces, splits, owner, files);
    }

    /** With the settings' credentials redacted: safe in a log line or an error. */
    @Override
    public String toString() {
        SensitiveKeys sensitive = SensitiveKeys.of(conf);
        return "ValidatedJob[name=" + name + ", conf=" + sensitive.redacted(conf) + ", userConf=" + sensitive.redacted(userConf)
                + ", jarName=" + jarName + ", input=" + input + ", reduces=" + reduces + ", splits=" + splits.size() + "]";
    }
}
