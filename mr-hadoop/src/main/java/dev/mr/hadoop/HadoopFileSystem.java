package dev.mr.hadoop;

import dev.mr.api.fs.BlockLocation;
import dev.mr.api.fs.CreateOptions;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import dev.mr.api.io.OutputCommitter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * One Hadoop scheme ({@code hdfs}, {@code s3a}) seen through mr's {@link FileSystem}: each
 * authority (a NameNode, a bucket) gets its own Hadoop client, made on first use with this
 * scheme's settings and closed with this object. A path without an authority goes to
 * {@code fs.defaultFS} when that names this scheme, and is refused, saying so, when it does not.
 * Every failure leaves through {@link HadoopErrors}: the contract's exceptions, the path and the
 * store named, never a server's stack trace.
 *
 * <p>Thread-safe: Hadoop's clients are; the map of clients is guarded by {@code this}.
 */
public final class HadoopFileSystem implements FileSystem {

    private final String scheme;
    private final org.apache.hadoop.conf.Configuration conf;
    private final Map<String, org.apache.hadoop.fs.FileSystem> clients = new HashMap<>();

    public HadoopFileSystem(String scheme, org.apache.hadoop.conf.Configuration conf) {
        this.scheme = scheme;
        this.conf = conf;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    /** One call to the Hadoop client of a path. */
    private interface Call<T> {
        T on(org.apache.hadoop.fs.FileSystem fs, Path p) throws IOException;
    }

    /** Runs {@code call} on {@code path}'s client, translating what fails. */
    private <T> T call(FsPath path, Call<T> call) throws IOException {
        org.apache.hadoop.fs.FileSystem fs = client(path);
        try {
            return call.on(fs, hadoopPath(path));
        } catch (IOException e) {
            throw HadoopErrors.translate(e, path, scheme, fs.getUri().getAuthority());
        }
    }

    /** The Hadoop client of {@code path}'s authority. */
    public synchronized org.apache.hadoop.fs.FileSystem client(FsPath path) throws IOException {
        org.apache.hadoop.fs.FileSystem fs = clients.get(path.authority());
        if (fs != null) return fs;
        URI root = uri(path, "/");
        if (path.authority().isEmpty()) {
            URI defaultFs = org.apache.hadoop.fs.FileSystem.getDefaultUri(conf);
            if (!scheme.equals(defaultFs.getScheme()) || defaultFs.getAuthority() == null) {
                throw HadoopErrors.noAuthority(path, scheme, defaultFs.toString());
            }
        }
        try {
            fs = org.apache.hadoop.fs.FileSystem.newInstance(root, conf);
        } catch (IOException e) {
            throw HadoopErrors.translate(e, path, scheme, path.authority());
        } catch (IllegalArgumentException e) { // Hadoop's word for a host it cannot resolve or a malformed host:port
            if (e.getCause() instanceof java.net.UnknownHostException u) throw HadoopErrors.unreachable(path, scheme, path.authority(), u, e);
            throw new IOException(path + " does not name a usable " + HadoopErrors.store(scheme, path.authority()) + ": "
                    + HadoopErrors.said(e), e);
        }
        clients.put(path.authority(), fs);
        return fs;
    }

    /** {@code path} as Hadoop names it. */
    public Path hadoopPath(FsPath path) throws IOException {
        return new Path(uri(path, path.path()));
    }

    private URI uri(FsPath path, String p) throws IOException {
        try {
            return new URI(scheme, path.authority().isEmpty() ? null : path.authority(), p, null, null);
        } catch (URISyntaxException e) {
            throw new IOException("path " + path + " is not a valid " + scheme + ": URI: " + e.getMessage(), e);
        }
    }

    private FsPath mrPath(FsPath base, Path p) {
        return new FsPath(scheme, base.authority(), p.toUri().getPath().isEmpty() ? "/" : p.toUri().getPath());
    }

    @Override
    public FileStatus status(FsPath path) throws IOException {
        return call(path, (fs, p) -> status(path, fs.getFileStatus(p)));
    }

    private static FileStatus status(FsPath path, org.apache.hadoop.fs.FileStatus s) {
        return new FileStatus(path, s.isDirectory() ? 0 : s.getLen(), s.isDirectory(), s.getBlockSize(), s.getReplication(),
                s.getModificationTime());
    }

    /** A file lists as itself: Hadoop's listing of a file is that file. */
    @Override
    public List<FileStatus> list(FsPath dir) throws IOException {
        org.apache.hadoop.fs.FileStatus[] entries = call(dir, org.apache.hadoop.fs.FileSystem::listStatus);
        List<FileStatus> out = new ArrayList<>(entries.length);
        for (org.apache.hadoop.fs.FileStatus s : entries) out.add(status(mrPath(dir, s.getPath()), s));
        out.sort(Comparator.comparing(s -> s.path().name()));
        return out;
    }

    @Override
    public SeekableInput open(FsPath file) throws IOException {
        org.apache.hadoop.fs.FileStatus s = call(file, org.apache.hadoop.fs.FileSystem::getFileStatus);
        if (s.isDirectory()) throw new IOException(file + " is a directory, not a file");
        FSDataInputStream in = call(file, org.apache.hadoop.fs.FileSystem::open);
        return new HadoopInput(in, s.getLen());
    }

    /** Creates {@code file} and its missing parents; Hadoop's create refuses an existing path when not told to overwrite. */
    @Override
    public OutputStream create(FsPath file, CreateOptions options) throws IOException {
        return call(file, (fs, p) -> {
            short replication = options.replication() > 0 ? (short) options.replication() : fs.getDefaultReplication(p);
            long blockSize = options.blockSize() > 0 ? options.blockSize() : fs.getDefaultBlockSize(p);
            return fs.create(p, false, conf.getInt("io.file.buffer.size", 65536), replication, blockSize);
        });
    }

    @Override
    public void mkdirs(FsPath dir) throws IOException {
        if (!call(dir, org.apache.hadoop.fs.FileSystem::mkdirs)) throw new IOException("cannot create directory " + dir);
    }

    /**
     * On HDFS one NameNode call that refuses an existing destination ({@code Rename.NONE}): atomic,
     * as output commit needs. Hadoop's plain {@code rename} would move {@code from} into an existing
     * directory {@code to}, which the contract forbids. Stores without such a call (S3, whose
     * rename is a copy anyway) check first.
     */
    @Override
    public void rename(FsPath from, FsPath to) throws IOException {
        if (!from.authority().equals(to.authority())) {
            throw new IOException("cannot rename " + from + " to " + to + ": they are in different stores");
        }
        try {
            call(from, (fs, src) -> {
                Path dst = hadoopPath(to);
                if (fs instanceof DistributedFileSystem hdfs) {
                    hdfs.rename(src, dst, Options.Rename.NONE);
                    return null;
                }
                if (fs.exists(dst)) throw new org.apache.hadoop.fs.FileAlreadyExistsException(to.toString());
                if (!fs.exists(dst.getParent())) throw new FileNotFoundException(to.parent().toString());
                if (!fs.rename(src, dst)) throw new FileNotFoundException(from.toString());
                return null;
            });
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(to + " already exists");
        } catch (FileNotFoundException e) {
            if (!exists(from)) throw new FileNotFoundException(from + " does not exist");
            throw new FileNotFoundException("cannot rename " + from + " to " + to + ": " + to.parent() + " does not exist");
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException e) { // HDFS refuses a file onto a directory (or back) as "must both be directories"
            if (knownToExist(to)) throw new FileAlreadyExistsException(to + " already exists");
            throw e;
        }
    }

    private boolean knownToExist(FsPath path) {
        try {
            return exists(path);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean delete(FsPath path, boolean recursive) throws IOException {
        return call(path, (fs, p) -> fs.delete(p, recursive));
    }

    @Override
    public List<BlockLocation> locations(FsPath file, long start, long length) throws IOException {
        return call(file, (fs, p) -> {
            List<BlockLocation> out = new ArrayList<>();
            for (org.apache.hadoop.fs.BlockLocation b : fs.getFileBlockLocations(p, start, length)) {
                out.add(new BlockLocation(b.getOffset(), b.getLength(), hosts(b)));
            }
            return out;
        });
    }

    /**
     * The names of a block's hosts, as a worker may know its own: each DataNode's host name, then
     * its address. An object store reports {@code localhost} for every block: no host holds it.
     */
    static List<String> hosts(org.apache.hadoop.fs.BlockLocation b) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String h : b.getHosts()) if (!h.equals("localhost")) out.add(h);
        for (String n : b.getNames()) {
            int colon = n.lastIndexOf(':');
            String ip = colon > 0 ? n.substring(0, colon) : n;
            if (!ip.equals("localhost") && !ip.equals("127.0.0.1") || !out.isEmpty()) out.add(ip);
        }
        return List.copyOf(out);
    }

    /** On S3 a rename is a copy, neither atomic nor cheap: output is committed with S3A's multipart uploads instead. */
    @Override
    public OutputCommitter outputCommitter(FsPath output) {
        return scheme.equals("s3a") ? new MagicCommitter(this, output) : FileSystem.super.outputCommitter(output);
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (org.apache.hadoop.fs.FileSystem fs : clients.values()) {
            try {
                fs.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        clients.clear();
        if (first != null) throw first;
    }
}
