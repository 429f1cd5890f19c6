package dev.mr.dfs;

import dev.mr.api.fs.BlockLocation;
import dev.mr.api.fs.CreateOptions;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.client.RemoteStoreException;
import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dfs:} scheme: the replicated chunk store seen through the framework's
 * {@link FileSystem} contract. A file's blocks are its chunks, and {@link #locations} names
 * the advertised {@code host:port} of each chunk server holding a replica, which is the
 * address of the worker hosting it. {@link #create} refuses an existing path (or one being
 * written), {@link #rename} is atomic on the master and refuses an existing destination.
 *
 * <p>Thread-safe; streams are confined to their thread.
 */
public final class DfsFileSystem implements FileSystem {

    private final DfsClient client;
    private final DfsSettings settings;

    public DfsFileSystem(DfsClient client, DfsSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    public DfsClient client() {
        return client;
    }

    @Override
    public String scheme() {
        return DfsPaths.SCHEME;
    }

    private static String wire(FsPath p) {
        if (!p.scheme().equals(DfsPaths.SCHEME)) throw new IllegalArgumentException("not a dfs: path: " + p);
        return DfsPaths.checkWire(p.path());
    }

    @Override
    public FileStatus status(FsPath path) throws IOException {
        try {
            return status(path, client.status(wire(path)));
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
    }

    private FileStatus status(FsPath path, FileInfo f) {
        long block = f.directory() ? settings.chunkSize() : f.chunkSize();
        return new FileStatus(path, f.length(), f.directory(), block, f.directory() ? 0 : f.replication(), f.modified());
    }

    @Override
    public List<FileStatus> list(FsPath dir) throws IOException {
        try {
            List<FileStatus> out = new ArrayList<>();
            for (FileInfo f : client.list(wire(dir)).entries()) out.add(status(DfsPaths.of(f.path()), f));
            return out;
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
    }

    @Override
    public SeekableInput open(FsPath file) throws IOException {
        try {
            return client.open(wire(file));
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
    }

    @Override
    public OutputStream create(FsPath file, CreateOptions options) throws IOException {
        try {
            return client.create(wire(file), options.replication(), options.blockSize());
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
    }

    @Override
    public void mkdirs(FsPath dir) throws IOException {
        try {
            client.mkdirs(wire(dir));
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
    }

    @Override
    public void rename(FsPath from, FsPath to) throws IOException {
        try {
            client.rename(wire(from), wire(to));
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean delete(FsPath path, boolean recursive) throws IOException {
        try {
            return client.delete(wire(path), recursive);
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
    }

    @Override
    public List<BlockLocation> locations(FsPath file, long start, long length) throws IOException {
        FileLayout layout;
        try {
            layout = client.layout(wire(file));
        } catch (RemoteStoreException e) {
            throw translate(e);
        }
        long end = Math.min(layout.length(), start + Math.max(0, length));
        List<BlockLocation> out = new ArrayList<>();
        for (ChunkLayout c : layout.chunks()) {
            if (c.offset() + c.length() <= start || c.offset() >= end) continue;
            List<String> hosts = new ArrayList<>();
            for (ReplicaLocation r : c.replicas()) hosts.add(r.address());
            out.add(new BlockLocation(c.offset(), c.length(), hosts));
        }
        return out;
    }

    /** Maps the master's refusals onto the exceptions the {@link FileSystem} contract names. */
    static IOException translate(RemoteStoreException e) {
        if (e.problem() == Problem.NOT_FOUND) {
            FileNotFoundException f = new FileNotFoundException(e.getMessage());
            f.initCause(e);
            return f;
        }
        if (e.problem() == Problem.EXISTS || e.problem() == Problem.BEING_WRITTEN) {
            FileAlreadyExistsException f = new FileAlreadyExistsException(e.getMessage());
            f.initCause(e);
            return f;
        }
        return e;
    }

    @Override
    public void close() {
        client.close();
    }
}
