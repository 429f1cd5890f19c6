package dev.mr.protocol;

import java.util.List;

/**
 * The {@code splits} part of a job submission: the job's input splits, computed by the
 * submitting client with the job's input format, one map task each.
 *
 * @param splits in task order
 */
public record SubmittedSplits(List<Split> splits) {

    /**
     * One split: {@code split} is the split itself (base64 Kryo, registration required), which
     * only workers decode; {@code path}, {@code length} and {@code hosts} are plain copies the
     * master shows and schedules by, and trusts for nothing else.
     */
    public record Split(String split, String path, long length, List<String> hosts) {}
}
