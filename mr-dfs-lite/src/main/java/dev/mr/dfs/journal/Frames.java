package dev.mr.dfs.journal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The one framing of every journal of the project (dfs-lite's namespace log and checkpoints,
 * the master's job journal): a 4-byte big-endian payload length, a 4-byte CRC32C of the
 * payload, the payload.
 *
 * <p>Contract: a frame is valid when {@code 0 < length <= MAX_PAYLOAD}, the file holds all of
 * its payload, and the checksum matches. Writers refuse a payload outside that range, readers
 * treat one as damage: no writer ever writes an empty payload, so zero-filled space (which a
 * crash can leave at a file's end) is never a record even though the CRC32C of nothing is 0.
 *
 * <p>Stateless; thread-safe.
 */
public final class Frames {

    /** Bytes before the payload: its length and its checksum. */
    public static final int HEADER = 8;
    /** The largest payload, on write and on read (the larger of the two limits the journals had before they shared this class). */
    public static final int MAX_PAYLOAD = 256 << 20;

    private Frames() {}

    /** The frame of one payload, ready to write; refuses an empty or oversized payload. */
    public static ByteBuffer frame(byte[] payload) {
        return frames(List.of(payload));
    }

    /** The frames of several payloads back to back, for one write. */
    public static ByteBuffer frames(List<byte[]> payloads) {
        long total = 0;
        for (byte[] p : payloads) {
            checkPayload(p.length);
            total += HEADER + p.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a batch of " + payloads.size() + " journal records (" + total + " bytes) is too large for one write");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total);
        for (byte[] p : payloads) b.putInt(p.length).putInt(crc(p, 0, p.length)).put(p);
        return b.flip();
    }

    /** Refuses a payload length no reader would accept. */
    public static void checkPayload(int length) {
        if (length == 0) throw new IllegalArgumentException("an empty journal record: every record holds at least one byte");
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a journal record of " + length + " bytes is larger than the limit of " + MAX_PAYLOAD
                    + " bytes; split it into several records");
        }
    }

    public static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** Whether a whole valid frame starts at {@code pos} of {@code data}. */
    public static boolean validAt(byte[] data, int pos) {
        int remaining = data.length - pos - HEADER;
        if (pos < 0 || remaining < 1) return false;
        int len = ByteBuffer.wrap(data, pos, HEADER).getInt();
        // almost every offset inside other bytes fails here, before any checksum is computed
        if (len <= 0 || len > MAX_PAYLOAD || len > remaining) return false;
        return crc(data, pos + HEADER, len) == ByteBuffer.wrap(data, pos + 4, 4).getInt();
    }

    /** The first offset at or after {@code from} where a valid frame starts, or -1. */
    public static int nextValid(byte[] data, int from) {
        for (int p = Math.max(0, from); p <= data.length - HEADER - 1; p++) {
            if (validAt(data, p)) return p;
        }
        return -1;
    }
}
