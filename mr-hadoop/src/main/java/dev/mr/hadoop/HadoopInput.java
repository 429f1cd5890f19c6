package dev.mr.hadoop;

import dev.mr.api.fs.SeekableInput;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;

/** A Hadoop input stream as a {@link SeekableInput}. Confined to one thread. */
final class HadoopInput extends SeekableInput {

    private final FSDataInputStream in;
    private final long length;

    HadoopInput(FSDataInputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        long to = Math.min(length, in.getPos() + Math.max(0, n));
        long skipped = to - in.getPos();
        in.seek(to);
        return skipped;
    }

    @Override
    public void seek(long pos) throws IOException {
        if (pos < 0 || pos > length) throw new IOException("seek to " + pos + " outside [0, " + length + "]");
        in.seek(pos);
    }

    @Override
    public long position() throws IOException {
        return in.getPos();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
