package dev.mr.api.io;

import java.util.List;

/**
 * The byte range {@code [start, start+length)} of one file.
 *
 * @param path the file as the job lists it (a listed directory plus the file's name)
 */
public record FileSplit(String path, long start, long length, List<String> hosts) implements InputSplit {

    public FileSplit {
        hosts = List.copyOf(hosts);
        if (start < 0 || length < 0) throw new IllegalArgumentException("bad split range " + start + "+" + length);
    }

    public long end() {
        return start + length;
    }
}
