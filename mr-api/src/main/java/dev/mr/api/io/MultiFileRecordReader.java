package dev.mr.api.io;

import java.io.IOException;
import java.util.List;

/**
 * Reads a {@link MultiFileSplit}: the files one after another, each through the format's own
 * reader for its {@link FileSplit}, opened when the one before is exhausted and closed before
 * the next opens. Keys and values are those of that file's reader (a text key is the offset
 * within its own file); {@link #bytesRead} is the sum over the files. Confined to the task's thread.
 */
public final class MultiFileRecordReader<K, V> implements RecordReader<K, V> {

    /** Opens the reader of one file of the split. */
    @FunctionalInterface
    public interface FileReaders<K, V> {
        RecordReader<K, V> open(FileSplit file) throws IOException;
    }

    private final List<FileSplit> files;
    private final FileReaders<K, V> readers;
    /** The file being read; -1 before the first {@link #next}. */
    private int index = -1;
    /** The reader of file {@code index}; null before it opens and once it is exhausted. */
    private RecordReader<K, V> current;
    private long bytesOfFinishedFiles;

    public MultiFileRecordReader(MultiFileSplit split, FileReaders<K, V> readers) {
        this.files = split.files();
        this.readers = readers;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (current == null) {
                if (index + 1 >= files.size()) return false;
                index++;
                current = readers.open(files.get(index));
            }
            if (current.next()) return true;
            RecordReader<K, V> done = current;
            current = null;
            bytesOfFinishedFiles += done.bytesRead();
            done.close();
        }
    }

    /**
     * The path of the file the current record came from, as the job lists it: the first file's
     * before the first record, the last file's once all are read.
     */
    public String currentPath() {
        return files.get(Math.max(index, 0)).path();
    }

    @Override
    public K key() {
        return current.key();
    }

    @Override
    public V value() {
        return current.value();
    }

    /** The current record's position in its own file, as that file's reader tells it. */
    @Override
    public long recordPosition() {
        return current == null ? -1 : current.recordPosition();
    }

    @Override
    public long bytesRead() {
        return bytesOfFinishedFiles + (current == null ? 0 : current.bytesRead());
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            RecordReader<K, V> open = current;
            current = null;
            bytesOfFinishedFiles += open.bytesRead();
            open.close();
        }
    }
}
