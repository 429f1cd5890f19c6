package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.BlockLocation;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.compress.Codecs;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the formats that read files. Each input path is a file or a directory; a directory
 * contributes its files, recursively, skipping names that start with {@code _} or {@code .}
 * (such as a job's {@code _SUCCESS} and {@code _temporary}). How large the splits are is
 * {@link SplitSizing}'s decision (Spark's rule: a small input fills the slots, a large one is
 * read in splits of up to 128 MiB or a block, small files share a split): a splittable file is
 * cut into pieces, each with the hosts of the block where it starts, and consecutive small
 * files are packed into {@link MultiFileSplit}s (see {@link SplitPacker}). A subclass reads one
 * {@link FileSplit} in {@link #fileReader} and gets packed splits read file by file for free.
 */
public abstract class FileInputFormat<K, V> implements InputFormat<K, V> {

    /**
     * Whether a file may be read in several splits: not a compressed one (by its extension, see
     * {@link Codecs}), whose bytes can only be decompressed from its start. bzip2 could be cut at
     * its block markers, as Hadoop does, but those are bit-aligned 48-bit patterns to hunt for
     * through the whole stream, so a {@code .bz2} file is one split as well.
     */
    protected boolean splittable(FileStatus file) {
        return !Codecs.compressed(file.path().name());
    }

    @Override
    public List<InputSplit> splits(FormatContext context) throws IOException {
        List<String> inputs = context.conf().getList(ConfKeys.INPUT_PATHS);
        if (inputs.isEmpty()) throw new InvalidJobException("the job has no input paths (set " + ConfKeys.INPUT_PATHS + ")");
        List<Listed> files = new ArrayList<>();
        for (String input : inputs) files.addAll(listFiles(input, context));
        long bytes = 0;
        long smallestBlock = Long.MAX_VALUE;
        for (Listed f : files) {
            bytes += f.status().length();
            // a filesystem that reports no block size must not turn packing off
            if (f.status().blockSize() > 0) smallestBlock = Math.min(smallestBlock, f.status().blockSize());
        }
        SplitSizing sizing = SplitSizing.of(context.conf(), bytes, files.size(), smallestBlock);
        List<FileSplit> splits = new ArrayList<>();
        for (Listed f : files) addSplits(f, sizing, splits);
        return sizing.pack(splits);
    }

    /**
     * Reads a split this format made: a {@link FileSplit} with {@link #fileReader}, a
     * {@link MultiFileSplit} with a {@link MultiFileRecordReader} over {@link #fileReader}.
     */
    @Override
    public RecordReader<K, V> reader(InputSplit split, FormatContext context) throws IOException {
        if (split instanceof FileSplit file) return fileReader(file, context);
        if (split instanceof MultiFileSplit packed) return new MultiFileRecordReader<>(packed, file -> fileReader(file, context));
        throw new IllegalArgumentException(getClass().getName() + " reads file splits, not " + split.getClass().getName());
    }

    /** Reads the records of one split of one file. */
    protected abstract RecordReader<K, V> fileReader(FileSplit split, FormatContext context) throws IOException;

    /** A file of the input with the path string the job will show for it. */
    private record Listed(String shownPath, FileStatus status, FileSystem fs) {}

    private static List<Listed> listFiles(String input, FormatContext context) throws IOException {
        FsPath path;
        try {
            path = context.fileSystems().resolve(input);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("input " + input + " is not a valid path: " + e.getMessage());
        }
        FileSystem fs = context.fileSystems().get(path);
        FileStatus status;
        try {
            status = fs.status(path);
        } catch (FileNotFoundException e) {
            throw new InvalidJobException("input " + input + " does not exist");
        }
        List<Listed> out = new ArrayList<>();
        if (status.directory()) {
            String base = input.endsWith("/") ? input.substring(0, input.length() - 1) : input;
            walk(fs, status, base, out);
        } else {
            out.add(new Listed(input, status, fs));
        }
        return out;
    }

    private static void walk(FileSystem fs, FileStatus dir, String shown, List<Listed> out) throws IOException {
        for (FileStatus child : fs.list(dir.path())) {
            String name = child.path().name();
            if (name.startsWith("_") || name.startsWith(".")) continue;
            String childShown = shown + "/" + name;
            if (child.directory()) walk(fs, child, childShown, out);
            else out.add(new Listed(childShown, child, fs));
        }
    }

    private void addSplits(Listed f, SplitSizing sizing, List<FileSplit> splits) throws IOException {
        long length = f.status().length();
        if (length == 0 || !splittable(f.status())) {
            splits.add(new FileSplit(f.shownPath(), 0, length, hostsAt(f, 0, length)));
            return;
        }
        long start = 0;
        for (long size : sizing.cut(length, f.status().blockSize())) {
            splits.add(new FileSplit(f.shownPath(), start, size, hostsAt(f, start, size)));
            start += size;
        }
    }

    private static List<String> hostsAt(Listed f, long start, long length) throws IOException {
        List<BlockLocation> blocks = f.fs().locations(f.status().path(), start, Math.max(1, length));
        return blocks.isEmpty() ? List.of() : blocks.get(0).hosts();
    }

    /** Opens the file of a split, positioned at the split's start. */
    protected static dev.mr.api.fs.SeekableInput openAt(FileSplit split, FormatContext context) throws IOException {
        FsPath path = context.fileSystems().resolve(split.path());
        dev.mr.api.fs.SeekableInput in = context.fileSystems().get(path).open(path);
        if (split.start() > 0) in.seek(split.start());
        return in;
    }
}
