package dev.mr.dfs.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A {@link FrameLog.ChannelFactory} over real files that fails on demand, as a full or failing
 * disk does: a write that stores half its bytes and throws, a write that stores nothing (a
 * short write), or a force that throws after the bytes reached the file. Only files the
 * predicate picks fail; it counts forces, so tests can see one per batch.
 */
public final class FailingDisk implements FrameLog.ChannelFactory {

    public enum Failure { NONE, WRITE, SHORT_WRITE, FORCE }

    private volatile Failure failure = Failure.NONE;
    private volatile Predicate<Path> which = p -> true;
    private final AtomicInteger forces = new AtomicInteger();

    /** From now on, {@code failure} hits every file {@code which} picks. */
    public void fail(Failure f, Predicate<Path> which) {
        this.which = which;
        this.failure = f;
    }

    public void fail(Failure f) {
        fail(f, p -> true);
    }

    public int forces() {
        return forces.get();
    }

    @Override
    public FileChannel open(Path file) throws IOException {
        return new Channel(file, FrameLog.FILES.open(file));
    }

    private Failure failureFor(Path file) {
        Failure f = failure;
        return f != Failure.NONE && which.test(file) ? f : Failure.NONE;
    }

    private final class Channel extends FileChannel {
        private final Path file;
        private final FileChannel real;

        Channel(Path file, FileChannel real) {
            this.file = file;
            this.real = real;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            switch (failureFor(file)) {
                case WRITE -> {
                    int half = src.remaining() / 2;
                    ByteBuffer part = src.duplicate();
                    part.limit(part.position() + half);
                    real.write(part);
                    throw new IOException("No space left on device");
                }
                case SHORT_WRITE -> {
                    return 0;
                }
                default -> {
                    return real.write(src);
                }
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces.incrementAndGet();
            if (failureFor(file) == Failure.FORCE) throw new IOException("Input/output error");
            real.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException("not used by the journal");
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new UnsupportedOperationException("not used by the journal");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throw new UnsupportedOperationException("not used by the journal");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
