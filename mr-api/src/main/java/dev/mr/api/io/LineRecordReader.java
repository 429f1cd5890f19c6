package dev.mr.api.io;

import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import dev.mr.api.io.compress.Codec;
import dev.mr.api.io.compress.Codecs;
import dev.mr.api.io.compress.CompressedInput;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the lines of one {@link FileSplit}. A split owns the lines that start inside it:
 * unless the byte before its start is a newline (or it starts the file), the partial first
 * line belongs to the previous split and is skipped; the last line owned may run past the
 * split's end. Subclasses turn each line into a key and value.
 *
 * <p>A compressed file (by its extension, see {@link Codecs}) is one split, read whole through
 * its codec: offsets are those of the uncompressed text, and {@link #bytesRead} counts the
 * compressed bytes consumed, so that progress moves through the file as stored.
 */
abstract class LineRecordReader<K, V> implements RecordReader<K, V> {

    private static final int BUFFER = 256 << 10;

    private final LineReader lines;
    /** The compressed file being read; null for a plain one. */
    private final CompressedInput compressed;
    private final long end;
    private long pos;
    private final long firstLine;
    private long lineOffset = -1;
    private int lineBytes;

    LineRecordReader(FileSplit split, FormatContext context) throws IOException {
        FsPath path = context.fileSystems().resolve(split.path());
        Optional<Codec> codec = Codecs.forInput(split.path());
        long start = split.start();
        if (codec.isPresent() && start != 0) {
            throw new IOException("input " + split.path() + " is " + codec.get().name()
                    + "-compressed and is read whole, not from byte " + start + " (its input format must not split it)");
        }
        SeekableInput in = context.fileSystems().get(path).open(path);
        try {
            if (codec.isPresent()) {
                this.compressed = CompressedInput.open(split.path(), in, codec.get());
                this.lines = new LineReader(compressed, BUFFER);
                this.end = Long.MAX_VALUE;
            } else {
                this.compressed = null;
                if (start > 0) in.seek(start - 1);
                this.lines = new LineReader(in, BUFFER);
                this.end = split.end();
                if (start > 0) {
                    int skipped = lines.readLine();
                    pos = start - 1 + Math.max(skipped, 0);
                }
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
        lineBytes = consumed;
        onLine(lineOffset, lines.buffer(), lines.lineStart(), lines.lineLength());
        return true;
    }

    /** Called with each owned line's offset in the file (uncompressed) and its bytes (no terminator). */
    protected abstract void onLine(long offset, byte[] buf, int off, int len);

    /**
     * The current line's length with its terminator ({@code \n}, or {@code \r\n}, or none at the
     * end of the file), for a format that keeps a line's bytes exactly: they start at the
     * {@code off} {@link #onLine} was given.
     */
    protected final int lineBytesWithTerminator() {
        return lineBytes;
    }

    /** The current line's offset in its file, uncompressed. */
    @Override
    public final long recordPosition() {
        return lineOffset;
    }

    /**
     * Bytes of the file consumed so far: of a plain file, those of the lines this split owns (over
     * all splits they sum to the file's size); of a compressed file, the compressed bytes read.
     */
    @Override
    public final long bytesRead() {
        return compressed != null ? compressed.compressedBytesRead() : pos - firstLine;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
