package dev.mr.api.fs;

import java.io.IOException;
import java.io.InputStream;

/** An input stream over a file that can jump to any offset. Confined to one thread. */
public abstract class SeekableInput extends InputStream {

    /** Moves to {@code pos}, which lies in {@code [0, length()]}. */
    public abstract void seek(long pos) throws IOException;

    public abstract long position() throws IOException;

    public abstract long length() throws IOException;
}
