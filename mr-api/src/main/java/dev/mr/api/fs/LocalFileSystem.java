package dev.mr.api.fs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code file:} scheme: this machine's filesystem. Its "blocks" are fixed-size ranges
 * ({@code mr.input.split.size}, else {@code mr.input.split.max.mb}: 128 MiB by default, as HDFS blocks and Spark's file partitions
 * are) that exist only to split input; they have no host, since every worker would have to hold
 * the same path. Each map task costs a combine table built from empty, a sort, a spill and one
 * more run for the reduce to merge: going from 32 to 64 MiB took 7-8% off WordCount over 1 GiB,
 * and from 64 to 128 MiB about 6% more. The default sort buffer ({@code mr.sort.buffer.mb}) holds
 * a split's worth of map output, so TeraSort's maps still spill once.
 */
public final class LocalFileSystem implements FileSystem {

    public static final String SCHEME = "file";

    private final long blockSize;

    public LocalFileSystem(Configuration conf) {
        // notional blocks must not cap the splits below the max split a job asks for
        this.blockSize = conf.getLong(ConfKeys.SPLIT_SIZE, Math.max(1, conf.getLong(ConfKeys.SPLIT_MAX_MB, ConfKeys.SPLIT_MAX_MB_DEFAULT)) << 20);
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    private static Path local(FsPath p) {
        if (!p.scheme().equals(SCHEME)) throw new IllegalArgumentException("not a file: path: " + p);
        return Paths.get(p.path());
    }

    @Override
    public FileStatus status(FsPath path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(local(path), BasicFileAttributes.class);
            return new FileStatus(path, a.isDirectory() ? 0 : a.size(), a.isDirectory(), blockSize, 1, a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(path + " does not exist");
        }
    }

    @Override
    public List<FileStatus> list(FsPath dir) throws IOException {
        FileStatus s = status(dir);
        if (!s.directory()) return List.of(s);
        List<FileStatus> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(local(dir))) {
            for (Path p : (Iterable<Path>) entries.sorted(Comparator.comparing(x -> x.getFileName().toString()))::iterator) {
                out.add(status(dir.child(p.getFileName().toString())));
            }
        }
        return out;
    }

    @Override
    public SeekableInput open(FsPath file) throws IOException {
        Path p = local(file);
        if (Files.isDirectory(p)) throw new IOException(file + " is a directory, not a file");
        try {
            return new LocalInput(new RandomAccessFile(p.toFile(), "r"));
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(file + " does not exist");
        }
    }

    @Override
    public OutputStream create(FsPath file, CreateOptions options) throws IOException {
        Path p = local(file);
        Files.createDirectories(p.getParent());
        try {
            return Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file + " already exists");
        }
    }

    @Override
    public void mkdirs(FsPath dir) throws IOException {
        Files.createDirectories(local(dir));
    }

    @Override
    public void rename(FsPath from, FsPath to) throws IOException {
        Path src = local(from), dst = local(to);
        if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) throw new FileNotFoundException(from + " does not exist");
        if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(to + " already exists");
        if (!Files.isDirectory(dst.getParent())) throw new FileNotFoundException("parent of " + to + " does not exist");
        Files.move(src, dst);
    }

    @Override
    public boolean delete(FsPath path, boolean recursive) throws IOException {
        Path p = local(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return false;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!recursive) {
                try {
                    Files.delete(p);
                } catch (DirectoryNotEmptyException e) {
                    throw new IOException(path + " is a non-empty directory; delete it recursively");
                }
                return true;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(q);
                }
            }
            return true;
        }
        Files.delete(p);
        return true;
    }

    @Override
    public List<BlockLocation> locations(FsPath file, long start, long length) throws IOException {
        long size = status(file).length();
        long end = Math.min(size, start + length);
        List<BlockLocation> out = new ArrayList<>();
        for (long b = (start / blockSize) * blockSize; b < end; b += blockSize) {
            out.add(new BlockLocation(b, Math.min(blockSize, size - b), List.of()));
        }
        return out;
    }

    /** A file read through {@link RandomAccessFile}: native reads into the caller's array. */
    private static final class LocalInput extends SeekableInput {
        private final RandomAccessFile file;

        LocalInput(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            return file.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return file.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            long pos = file.getFilePointer();
            long target = Math.min(file.length(), pos + Math.max(0, n));
            file.seek(target);
            return target - pos;
        }

        @Override
        public void seek(long pos) throws IOException {
            file.seek(pos);
        }

        @Override
        public long position() throws IOException {
            return file.getFilePointer();
        }

        @Override
        public long length() throws IOException {
            return file.length();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
