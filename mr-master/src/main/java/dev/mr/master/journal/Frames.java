package dev.mr.master.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The framing of journal records: a 4-byte length, a 4-byte CRC32C of the payload, the
 * payload. A record reads back whole and intact, or is detected as torn or damaged. The same
 * framing as dfs-lite's journal, whose class is package-private there.
 */
final class Frames {

    static final int HEADER = 8;
    static final int MAX_PAYLOAD = 256 << 20;

    private Frames() {}

    static ByteBuffer frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) throw new IllegalArgumentException("journal record of " + payload.length + " bytes is too large");
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
        b.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
        return b;
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** The outcome of reading one frame at a position. */
    sealed interface Read {}

    record Record(byte[] payload, int next) implements Read {}

    /** Ends before the frame does: a write that a crash cut short. */
    record Torn(String why) implements Read {}

    /** Whole but wrong: a bad length or checksum; {@code last} when nothing follows it. */
    record Damaged(String why, boolean last) implements Read {}

    record End() implements Read {}

    static Read read(byte[] data, int pos) {
        if (pos == data.length) return new End();
        if (data.length - pos < HEADER) return new Torn("a partial record header (" + (data.length - pos) + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(data, pos, HEADER);
        int len = b.getInt();
        int crc = b.getInt();
        if (len < 0 || len > MAX_PAYLOAD) return new Damaged("a record length of " + len, false);
        if (data.length - pos - HEADER < len) {
            return new Torn("a record of " + len + " bytes with only " + (data.length - pos - HEADER) + " written");
        }
        if (crc(data, pos + HEADER, len) != crc) return new Damaged("a record failing its checksum", pos + HEADER + len == data.length);
        byte[] payload = new byte[len];
        System.arraycopy(data, pos + HEADER, payload, 0, len);
        return new Record(payload, pos + HEADER + len);
    }
}
