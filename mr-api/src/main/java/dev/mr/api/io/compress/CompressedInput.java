package dev.mr.api.io.compress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The uncompressed bytes of one compressed input file, which knows how many compressed bytes
 * it has consumed (a reader's progress through the file) and turns a failure of the codec
 * into an error that names the file and that offset:
 * {@code input dfs:/logs/a.gz is corrupt at compressed byte 1048576: Unexpected end of ZLIB input stream}.
 * A failure of the file's own stream (a lost replica, an interrupt) passes through as it is:
 * the file is not corrupt for that. The offset is where reading stood when the codec gave up,
 * its read-ahead included. Confined to one thread.
 */
public final class CompressedInput extends InputStream {

    private final String path;
    private final Counting raw;
    private final InputStream data;

    private CompressedInput(String path, Counting raw, InputStream data) {
        this.path = path;
        this.raw = raw;
        this.data = data;
    }

    /** Opens {@code file}'s bytes, shown to the user as {@code path}, through {@code codec}; closes {@code file} on failure. */
    public static CompressedInput open(String path, InputStream file, Codec codec) throws IOException {
        Counting raw = new Counting(file);
        try {
            return new CompressedInput(path, raw, codec.decompress(raw));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw corrupt(path, raw, e);
        }
    }

    /** Compressed bytes read from the file so far. */
    public long compressedBytesRead() {
        return raw.count;
    }

    @Override
    public int read() throws IOException {
        try {
            return data.read();
        } catch (IOException | RuntimeException e) {
            throw corrupt(path, raw, e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return data.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw corrupt(path, raw, e);
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    private static IOException corrupt(String path, Counting raw, Exception e) {
        if (e == raw.failure && e instanceof IOException io) return io;
        return new IOException("input " + path + " is corrupt at compressed byte " + raw.count + ": " + e.getMessage(), e);
    }

    /** Counts the bytes read through it and remembers the failure of the stream below. */
    private static final class Counting extends FilterInputStream {
        long count;
        IOException failure;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                if (b >= 0) count++;
                return b;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) count += n;
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
