package dev.mr.dfs.cli;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cp SRC DEST}: a copy between any two stores mr reaches ({@code file:}, {@code dfs:}, and
 * with mr-hadoop on the class path {@code hdfs://} and {@code s3a://}), streamed through this
 * process by the stores' own clients. A directory is copied with everything under it. An existing
 * destination is refused, never replaced or merged into; a file whose copy fails is deleted, so
 * no half-copied file is left under the destination's name.
 */
@Command(name = "cp", description = {"Copies a file or a directory between any two stores: file:/, dfs:/, hdfs://nn:port/, s3a://bucket/.",
    "A path without a scheme is dfs:. A directory is copied with its contents. The destination must not exist;",
    "its parent is created. hdfs: and s3a: read their settings from $HADOOP_CONF_DIR and -D fs.*."})
final class CpCommand implements Callable<Integer> {

    /** Bytes per read and write: large enough that a remote store's round trips do not dominate. */
    private static final int BUFFER = 1 << 20;

    @ParentCommand
    DfsCli cli;

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DEST")
    String destination;

    @Override
    public Integer call() throws IOException {
        Configuration conf = cli.settings().set(dev.mr.api.ConfKeys.DEFAULT_FS, "dfs");
        try (FileSystems stores = new FileSystems(conf)) {
            FsPath src = stores.resolve(source);
            FsPath dest = stores.resolve(destination);
            if (dest.isUnder(src)) throw new IllegalArgumentException("cannot copy " + src + " into itself (" + dest + ")");
            FileSystem from = stores.get(src);
            FileSystem to = stores.get(dest);
            try {
                FileStatus status = from.status(src);
                if (to.exists(dest)) throw new FileAlreadyExistsException(dest + " already exists; remove it or choose another destination");
                if (!dest.isRoot() && !to.exists(dest.parent())) to.mkdirs(dest.parent());
                copy(from, status, to, dest);
            } catch (FileNotFoundException | FileAlreadyExistsException e) {
                throw e; // these name their path
            } catch (IOException e) {
                // a store's own message (a NameNode that refuses connections, a bucket that does not exist) may name neither path
                throw new IOException("cannot copy " + src + " to " + dest + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }

    private void copy(FileSystem from, FileStatus src, FileSystem to, FsPath dest) throws IOException {
        if (src.directory()) {
            to.mkdirs(dest);
            for (FileStatus child : from.list(src.path())) copy(from, child, to, dest.child(child.path().name()));
            return;
        }
        Progress progress = src.length() >= PutCommand.PROGRESS_FROM
                ? new Progress(cli.err, cli.interactive, "cp " + src.path(), src.length()) : null;
        OutputStream out = null;
        boolean done = false;
        try (InputStream in = from.open(src.path())) {
            out = to.create(dest);
            byte[] buf = new byte[BUFFER];
            long copied = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                copied += n;
                if (progress != null) progress.update(copied);
            }
            if (copied != src.length()) throw new IOException(src.path() + " ended after " + copied + " of its " + src.length() + " bytes");
            out.close(); // a store may write (S3) or fail only here
            done = true;
            if (progress != null) progress.done(copied);
        } finally {
            if (!done && out != null) deleteQuietly(to, dest, out); // only what this copy created
        }
    }

    private void deleteQuietly(FileSystem to, FsPath dest, OutputStream out) {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // the copy failed already; what matters now is that its part goes
        }
        try {
            to.delete(dest, false);
        } catch (IOException | RuntimeException e) {
            cli.err.println("mr-dfs: could not delete the partial copy " + dest + ": " + e.getMessage());
        }
    }
}
