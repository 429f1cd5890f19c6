package dev.mr.protocol;

import java.util.Map;

/**
 * A job as it is submitted and as workers load it: its settings (the whole definition, see
 * {@code dev.mr.api.ConfKeys}) and the SHA-256 of its jar.
 *
 * @param jarSha256 hex; set by the master, ignored in a submission
 */
public record JobSpec(String jobId, Map<String, String> conf, String jarSha256) {}
