package dev.mr.api.io;

import java.util.List;

/**
 * Several whole small files read by one map task, one file after another in listing order
 * (see {@link dev.mr.api.ConfKeys#PACK_SIZE}). {@link FileInputFormat} reads each file with the
 * format's own reader for that {@link FileSplit}, so records and keys are exactly those of
 * unpacked files; while a file's records are mapped, {@link dev.mr.api.TaskInfo#inputPath()}
 * is that file's path.
 *
 * @param files the packed files, each a whole-file split, at least two
 * @param hosts the hosts holding the most of the files' bytes, best first
 */
public record MultiFileSplit(List<FileSplit> files, List<String> hosts) implements InputSplit {

    public MultiFileSplit {
        files = List.copyOf(files);
        hosts = List.copyOf(hosts);
        if (files.size() < 2) throw new IllegalArgumentException("a packed split needs at least two files, got " + files.size());
    }

    /** The sum of the files' lengths. */
    @Override
    public long length() {
        long sum = 0;
        for (FileSplit f : files) sum += f.length();
        return sum;
    }

    /** The first file's path: what the mapper sees as its input path before the first record. */
    @Override
    public String path() {
        return files.get(0).path();
    }
}
