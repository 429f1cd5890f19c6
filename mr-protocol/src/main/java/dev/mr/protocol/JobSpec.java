package dev.mr.protocol;

import java.util.List;
import java.util.Map;

/**
 * A job as it is submitted and as workers load it: its settings (the whole definition, see
 * {@code dev.mr.api.ConfKeys}), the SHA-256 of its jar, and the files shipped with it.
 *
 * @param jarSha256 hex; set by the master, ignored in a submission
 * @param files     the files shipped with the job ({@code -files}, {@code -libjars}, {@code -archives}),
 *                  each uploaded once with the submission; empty for none (null in a spec from before them)
 */
public record JobSpec(String jobId, Map<String, String> conf, String jarSha256, List<ShippedFile> files) {

    public JobSpec {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * The settings' keys without their values, which may be credentials (this module has no rule
     * to tell which; {@code dev.mr.api.SensitiveKeys} does): safe in a log line or an error.
     */
    @Override
    public String toString() {
        return "JobSpec[jobId=" + jobId + ", conf keys=" + (conf == null ? null : new java.util.TreeSet<>(conf.keySet()))
                + ", jarSha256=" + jarSha256 + ", files=" + files + "]";
    }

    /** A spec without shipped files. */
    public JobSpec(String jobId, Map<String, String> conf, String jarSha256) {
        this(jobId, conf, jarSha256, List.of());
    }

    /**
     * One shipped file: tasks find it under {@code alias} (a libjar's is its file name); its content
     * is named by {@code sha256} (hex), so that the master and workers keep one copy of it however
     * many jobs ship it.
     *
     * @param kind {@code file}, {@code libjar} or {@code archive}
     */
    public record ShippedFile(String alias, String sha256, long size, String kind) {}
}
