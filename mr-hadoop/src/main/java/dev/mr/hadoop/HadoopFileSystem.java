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
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * One Hadoop scheme ({@code hdfs}, {@code s3a}) seen through mr's {@link FileSystem}: each
 * authority (a NameNode, a bucket) gets its own Hadoop client, made on first use with this
 * scheme's settings and closed with this object. A path without an authority goes to
 * {@code fs.defaultFS} when that names this scheme.
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

    /** The Hadoop client of {@code path}'s authority. */
    public synchronized org.apache.hadoop.fs.FileSystem client(FsPath path) throws IOException {
        org.apache.hadoop.fs.FileSystem fs = clients.get(path.authority());
        if (fs == null) {
            fs = org.apache.hadoop.fs.FileSystem.newInstance(root(path), conf);
            clients.put(path.authority(), fs);
        }
        return fs;
    }

    private URI root(FsPath path) throws IOException {
        try {
            return new URI(scheme, path.authority().isEmpty() ? null : path.authority(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IOException("path " + path + " is not a valid " + scheme + ": URI: " + e.getMessage(), e);
        }
    }

    /** {@code path} as Hadoop names it. */
    public Path hadoopPath(FsPath path) throws IOException {
        try {
            return new Path(new URI(scheme, path.authority().isEmpty() ? null : path.authority(), path.path(), null, null));
        } catch (URISyntaxException e) {
            throw new IOException("path " + path + " is not a valid " + scheme + ": URI: " + e.getMessage(), e);
        }
    }

    private FsPath mrPath(FsPath base, Path p) {
        return new FsPath(scheme, base.authority(), p.toUri().getPath().isEmpty() ? "/" : p.toUri().getPath());
    }

    @Override
    public FileStatus status(FsPath path) throws IOException {
        try {
            return status(path, client(path).getFileStatus(hadoopPath(path)));
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(path + " does not exist");
        }
    }

    private FileStatus status(FsPath path, org.apache.hadoop.fs.FileStatus s) {
        return new FileStatus(path, s.isDirectory() ? 0 : s.getLen(), s.isDirectory(), s.getBlockSize(), s.getReplication(),
                s.getModificationTime());
    }

    @Override
    public List<FileStatus> list(FsPath dir) throws IOException {
        org.apache.hadoop.fs.FileStatus[] entries;
        try {
            entries = client(dir).listStatus(hadoopPath(dir));
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(dir + " does not exist");
        }
        List<FileStatus> out = new ArrayList<>(entries.length);
        for (org.apache.hadoop.fs.FileStatus s : entries) out.add(status(mrPath(dir, s.getPath()), s));
        out.sort(Comparator.comparing(s -> s.path().name()));
        return out;
    }

    @Override
    public SeekableInput open(FsPath file) throws IOException {
        org.apache.hadoop.fs.FileSystem fs = client(file);
        Path p = hadoopPath(file);
        long length;
        FSDataInputStream in;
        try {
            org.apache.hadoop.fs.FileStatus s = fs.getFileStatus(p);
            if (s.isDirectory()) throw new IOException(file + " is a directory, not a file");
            length = s.getLen();
            in = fs.open(p);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(file + " does not exist");
        }
        return new HadoopInput(in, length);
    }

    @Override
    public OutputStream create(FsPath file, CreateOptions options) throws IOException {
        org.apache.hadoop.fs.FileSystem fs = client(file);
        Path p = hadoopPath(file);
        short replication = options.replication() > 0 ? (short) options.replication() : fs.getDefaultReplication(p);
        long blockSize = options.blockSize() > 0 ? options.blockSize() : fs.getDefaultBlockSize(p);
        try {
            return fs.create(p, false, conf.getInt("io.file.buffer.size", 65536), replication, blockSize);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file + " already exists");
        }
    }

    @Override
    public void mkdirs(FsPath dir) throws IOException {
        if (!client(dir).mkdirs(hadoopPath(dir))) throw new IOException("cannot create directory " + dir);
    }

    @Override
    public void rename(FsPath from, FsPath to) throws IOException {
        if (!from.authority().equals(to.authority())) {
            throw new IOException("cannot rename " + from + " to " + to + ": they are in different stores");
        }
        org.apache.hadoop.fs.FileSystem fs = client(from);
        if (fs.exists(hadoopPath(to))) throw new FileAlreadyExistsException(to + " already exists");
        if (!fs.exists(hadoopPath(to.parent()))) throw new FileNotFoundException("cannot rename to " + to + ": " + to.parent() + " does not exist");
        if (!fs.rename(hadoopPath(from), hadoopPath(to))) {
            if (!fs.exists(hadoopPath(from))) throw new FileNotFoundException(from + " does not exist");
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    @Override
    public boolean delete(FsPath path, boolean recursive) throws IOException {
        return client(path).delete(hadoopPath(path), recursive);
    }

    @Override
    public List<BlockLocation> locations(FsPath file, long start, long length) throws IOException {
        org.apache.hadoop.fs.FileSystem fs = client(file);
        org.apache.hadoop.fs.FileStatus s = fs.getFileStatus(hadoopPath(file));
        List<BlockLocation> out = new ArrayList<>();
        for (org.apache.hadoop.fs.BlockLocation b : fs.getFileBlockLocations(s, start, length)) {
            out.add(new BlockLocation(b.getOffset(), b.getLength(), hosts(b)));
        }
        return out;
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
