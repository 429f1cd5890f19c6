package dev.mr.worker.task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The record a skip-mode attempt is handing to user code, kept in the memory-mapped file
 * {@value #FILE} of the attempt's scratch directory, so that the worker daemon can tell which
 * record an executor JVM died on (Hadoop learns it through the task's umbilical): the daemon
 * calls {@link #read} once the executor is gone and reports the record as the attempt's bad record.
 * Setting it costs no system call: the bytes go straight to the page cache, which outlives the
 * process that wrote them (not a crash of the machine, which takes the attempt's directory anyway).
 *
 * <p>Layout: a 4-byte big-endian length, then the record id's UTF-8 bytes; the length is zeroed
 * while the bytes change, so a write torn by the process's death reads as no marker. An id longer
 * than {@value #MAX_ID_BYTES} bytes is cut to that many (a reduce key that long will not be
 * recognised when skipped; its attempt fails as any other). Writing is confined to the task's
 * thread; reading is for another thread or process, once the writer stopped.
 */
public final class CurrentRecord {

    /** The marker's file name in the attempt's scratch directory. */
    public static final String FILE = "current-record";
    static final int SIZE = 64 << 10;
    static final int MAX_ID_BYTES = SIZE - 4;

    private final MappedByteBuffer map;

    private CurrentRecord(MappedByteBuffer map) {
        this.map = map;
    }

    /** Creates (or empties) the marker in {@code scratchDir}. */
    static CurrentRecord create(Path scratchDir) throws IOException {
        try (FileChannel ch = FileChannel.open(scratchDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            CurrentRecord marker = new CurrentRecord(ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE)); // the mapping outlives the channel
            marker.map.putInt(0, 0);
            return marker;
        }
    }

    /** Marks {@code id} as the record being handed to user code. */
    void set(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_ID_BYTES);
        map.putInt(0, 0);
        map.put(4, bytes, 0, length);
        map.putInt(0, length);
    }

    /** Clears the marker: no record is in user code (a death now, in a spill or in {@code cleanup}, is no record's fault). */
    void clear() {
        map.putInt(0, 0);
    }

    /**
     * The record id a skip-mode attempt that ran in {@code scratchDir} last handed to user code,
     * or null when there is none: no marker file (the attempt was not in skip mode, or never
     * reached a record), a cleared or torn one, or one that cannot be read.
     */
    public static String read(Path scratchDir) {
        Path file = scratchDir.resolve(FILE);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(4);
            if (ch.read(head, 0) != 4) return null;
            int length = head.getInt(0);
            if (length <= 0 || length > MAX_ID_BYTES) return null;
            ByteBuffer id = ByteBuffer.allocate(length);
            while (id.hasRemaining()) {
                if (ch.read(id, 4L + id.position()) < 0) return null;
            }
            return new String(id.array(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
