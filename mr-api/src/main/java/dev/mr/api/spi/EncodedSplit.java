package dev.mr.api.spi;

import java.util.List;

/**
 * One input split as the submitting side sends it: the split in {@link SplitCodec} text, which
 * only the job's workers decode, beside what the master may read without the job's classes.
 *
 * @param path  the file it reads as the job lists it, or null
 * @param hosts where its data lies, best first; a scheduling hint, nothing more
 */
public record EncodedSplit(String split, String path, long length, List<String> hosts) {

    public EncodedSplit {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
