package dev.mr.dfs.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of {@link Frames}: the one implementation of how a journal is read back
 * and how it is written, shared by dfs-lite's namespace journal and the master's job journal.
 *
 * <p><b>Reading</b> ({@link #replay}): every valid frame is handed over in order. A damaged or
 * torn frame at offset P is a torn tail, left by a crash mid-write and never acknowledged, only
 * when no valid frame starts at any byte offset after P: it is dropped with a warning naming the
 * file, the offset and the byte count, and the file is truncated at P and forced, so that later
 * appends never follow garbage. When a valid frame does follow the damage, the records after it
 * were acknowledged: replay refuses with an IOException that names the file, the damage's offset,
 * the next valid record's offset and what the operator can do. It never drops a record silently.
 *
 * <p><b>Writing</b> ({@link #append}): frames, writes and forces ({@code force(false)}) before
 * returning. Fail-stop: the first failed write or force (or a short write) fails the log for
 * good; that append and every later one throws an IOException naming the file and the original
 * cause, and the {@link FailStop} is called exactly once. Records acknowledged before the
 * failure are on disk; whatever the failed append left is a torn tail for the next replay.
 *
 * <p>Thread-safe: appends are serialized on {@code this}.
 */
public final class FrameLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameLog.class);

    /** Opens the channel a log writes through: the seam where tests inject a failing disk. */
    @FunctionalInterface
    public interface ChannelFactory {
        FileChannel open(Path file) throws IOException;
    }

    /** Real files: created when missing, opened for writing. */
    public static final ChannelFactory FILES = f -> FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    /** Takes each record of a replay, with the offset where its frame starts. */
    @FunctionalInterface
    public interface Records {
        void accept(long offset, byte[] payload) throws IOException;
    }

    /**
     * What a replay found.
     *
     * @param records      valid records handed over
     * @param size         the file's size after replay: where the next append goes
     * @param droppedBytes bytes of torn tail dropped, 0 for none
     * @param warning      what was dropped and why, in words; null when nothing was
     */
    public record Replayed(int records, long size, long droppedBytes, String warning) {}

    private final Path file;
    private final FileChannel channel;
    private final FailStop failStop;
    private long size;
    private IOException failure;
    private boolean closed;

    private FrameLog(Path file, FileChannel channel, FailStop failStop) throws IOException {
        this.file = file;
        this.channel = channel;
        this.failStop = failStop;
        this.size = channel.size();
        channel.position(size);
    }

    // ---------------------------------------------------------------- reading

    /** Replays {@code file} under the tail rule above; truncates a torn tail. */
    public static Replayed replay(Path file, Records records) throws IOException {
        int n = 0;
        try (FrameReader r = FrameReader.open(file)) {
            while (true) {
                long at = r.offset();
                byte[] payload;
                try {
                    payload = r.next();
                } catch (DamagedFrameException d) {
                    return settleDamage(d, r.size(), n);
                }
                if (payload == null) return new Replayed(n, r.size(), 0, null);
                records.accept(at, payload);
                n++;
            }
        }
    }

    /**
     * Replays a file that must be whole: one that a later file follows, so no crash can have
     * torn it. Any damage throws the {@link DamagedFrameException}; returns the record count.
     */
    public static int replayWhole(Path file, Records records) throws IOException {
        int n = 0;
        try (FrameReader r = FrameReader.open(file)) {
            for (long at = r.offset(); ; at = r.offset()) {
                byte[] payload = r.next();
                if (payload == null) return n;
                records.accept(at, payload);
                n++;
            }
        }
    }

    private static Replayed settleDamage(DamagedFrameException d, long size, int records) throws IOException {
        Path file = d.file();
        long at = d.offset();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long next = FrameScan.nextValid(ch, at + 1, size);
            if (next >= 0) {
                throw new IOException("journal " + file + " is damaged at offset " + at + " (" + d.why() + ") and holds a valid record at offset "
                        + next + " after it: this is not a torn tail, and dropping it would lose acknowledged records, so the start is refused. "
                        + "Restore " + file + " from a backup; or, knowing that every record from offset " + at + " on (" + (size - at)
                        + " bytes) is lost, cut it there with: truncate -s " + at + " " + file, d);
            }
            String warning = "journal " + file + ": dropped " + (size - at) + " bytes at offset " + at + " (" + d.why()
                    + "): a torn tail left by a crash mid-write, never acknowledged; the file is truncated there";
            LOG.warn(warning);
            ch.truncate(at);
            ch.force(true);
            return new Replayed(records, at, size - at, warning);
        }
    }

    // ---------------------------------------------------------------- writing

    /** Opens {@code file} (created when missing) for appends after its last byte; replay it first. */
    public static FrameLog open(Path file, FailStop failStop) throws IOException {
        return open(file, FILES, failStop);
    }

    public static FrameLog open(Path file, ChannelFactory channels, FailStop failStop) throws IOException {
        FileChannel ch = channels.open(file);
        try {
            return new FrameLog(file, ch, failStop);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Bytes in the file: where the next record goes. */
    public synchronized long size() {
        return size;
    }

    /** Whether a write failed: the log then takes no more records. */
    public synchronized boolean failed() {
        return failure != null;
    }

    /** Appends one record and forces it to disk before returning. */
    public void append(byte[] payload) throws IOException {
        append(List.of(payload));
    }

    /**
     * Appends several records with one write and one force: they reach the disk together, and
     * after a crash replay finds a prefix of them. An empty or oversized payload is refused with
     * an IllegalArgumentException before anything is written; the log stays healthy.
     */
    public synchronized void append(List<byte[]> payloads) throws IOException {
        if (failure != null) {
            throw new IOException("the journal " + file + " failed earlier (" + failure.getMessage() + ") and takes no more records; "
                    + "restart once the cause is fixed: every record acknowledged before it is on disk", failure.getCause());
        }
        if (closed) throw new IOException("the journal " + file + " is closed");
        if (payloads.isEmpty()) return;
        ByteBuffer b = Frames.frames(payloads);
        int want = b.remaining();
        try {
            while (b.hasRemaining()) {
                if (channel.write(b) <= 0) throw new IOException("a short write: " + (want - b.remaining()) + " of " + want + " bytes");
            }
            channel.force(false);
        } catch (IOException e) {
            failure = new IOException("could not write to the journal " + file + ": " + e, e);
            failStop.stop("the journal " + file + " could not be written (" + e + "); every change is refused from now on. "
                    + "Fix the cause (disk full? disk failing?) and restart: every record acknowledged before is on disk", e);
            throw new IOException(failure.getMessage() + "; it takes no more records", e);
        }
        size += want;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        channel.close();
    }
}
