package dev.mr.api.fs;

import dev.mr.api.io.FileOutputCommitter;
import dev.mr.api.io.OutputCommitter;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One storage system behind a URI scheme ({@code file:}, {@code dfs:}). Input and output
 * formats reach files only through this interface, so a job runs unchanged on either.
 *
 * <p>Files are written once: {@link #create} refuses an existing path, and a file becomes
 * visible to readers when its stream is closed. {@link #rename} is atomic and refuses an
 * existing destination: output commit depends on both. Implementations are thread-safe.
 */
public interface FileSystem extends Closeable {

    String scheme();

    /** Status of a file or directory; {@link FileNotFoundException} naming the path when absent. */
    FileStatus status(FsPath path) throws IOException;

    default boolean exists(FsPath path) throws IOException {
        try {
            status(path);
            return true;
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    /** The entries of a directory sorted by name; a file lists as itself. */
    List<FileStatus> list(FsPath dir) throws IOException;

    SeekableInput open(FsPath file) throws IOException;

    /** Creates a new file (and its missing parent directories); fails if the path exists. */
    OutputStream create(FsPath file, CreateOptions options) throws IOException;

    default OutputStream create(FsPath file) throws IOException {
        return create(file, CreateOptions.DEFAULT);
    }

    void mkdirs(FsPath dir) throws IOException;

    /** Atomically moves a file or directory; fails if {@code to} exists or its parent does not. */
    void rename(FsPath from, FsPath to) throws IOException;

    /** Deletes a file, or a directory (non-empty only when recursive). False when absent. */
    boolean delete(FsPath path, boolean recursive) throws IOException;

    /** The blocks covering {@code [start, start+length)} of a file, with the hosts holding each. */
    List<BlockLocation> locations(FsPath file, long start, long length) throws IOException;

    /**
     * How a job's output in this store is committed: by {@link #rename}, unless the store says
     * otherwise (on an object store a rename is a copy, neither atomic nor cheap).
     */
    default OutputCommitter outputCommitter(FsPath output) {
        return new FileOutputCommitter(this, output);
    }

    @Override
    default void close() throws IOException {}
}
