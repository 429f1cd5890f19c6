package dev.mr.api.io;

import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import java.io.IOException;

/**
 * Reads the lines of one {@link FileSplit}. A split owns the lines that start inside it:
 * unless the byte before its start is a newline (or it starts the file), the partial first
 * line belongs to the previous split and is skipped; the last line owned may run past the
 * split's end. Subclasses turn each line into a key and value.
 */
abstract class LineRecordReader<K, V> implements RecordReader<K, V> {

    private static final int BUFFER = 256 << 10;

    private final LineReader lines;
    private final long start;
    private final long end;
    private long pos;
    private final long firstLine;
    private long lineOffset = -1;

    LineRecordReader(FileSplit split, FormatContext context) throws IOException {
        FsPath path = context.fileSystems().resolve(split.path());
        SeekableInput in = context.fileSystems().get(path).open(path);
        this.start = split.start();
        this.end = split.end();
        try {
            if (start > 0) in.seek(start - 1);
            this.lines = new LineReader(in, BUFFER);
            if (start > 0) {
                int skipped = lines.readLine();
                pos = start - 1 + Math.max(skipped, 0);
            }
            this.firstLine = pos;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public final boolean next() throws IOException {
        if (pos >= end) return false;
        long offset = pos;
        int consumed = lines.readLine();
        if (consumed < 0) return false;
        pos += consumed;
        lineOffset = offset;
        onLine(lineOffset, lines.buffer(), lines.lineStart(), lines.lineLength());
        return true;
    }

    /** Called with each owned line's offset in the file and its bytes (no terminator). */
    protected abstract void onLine(long offset, byte[] buf, int off, int len);

    /** The current line's offset in its file. */
    @Override
    public final long recordPosition() {
        return lineOffset;
    }

    /** Bytes of the lines this split owns that were read so far: over all splits they sum to the file's size. */
    @Override
    public final long bytesRead() {
        return pos - firstLine;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
