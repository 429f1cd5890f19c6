package dev.mr.dfs.chunk;

import dev.mr.dfs.DfsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The checksums of one chunk: a CRC32C for every {@link DfsSettings#CHECKSUM_WINDOW} bytes,
 * and the chunk's <em>digest</em>, a CRC32C over its length and those checksums. The master
 * keeps the digest of every chunk, so a replica whose checksum file disagrees with it is known
 * to be a different chunk, not just damaged bytes. Immutable.
 *
 * <p>The encoded form is the {@code .crc} file beside each chunk: magic, version, window,
 * length, count, the checksums, and a CRC32C of all that, so a damaged checksum file is
 * itself detected.
 */
public final class ChunkCrcs {

    private static final int MAGIC = 0x44465343; // "DFSC"
    private static final int VERSION = 1;
    private static final int HEADER = 4 + 4 + 4 + 8 + 4;

    private final long length;
    private final int[] crcs;

    public ChunkCrcs(long length, int[] crcs) {
        if (length < 0) throw new IllegalArgumentException("negative chunk length");
        if (crcs.length != windows(length)) {
            throw new IllegalArgumentException(crcs.length + " checksums for " + length + " bytes; expected " + windows(length));
        }
        this.length = length;
        this.crcs = crcs.clone();
    }

    public static int windows(long length) {
        return (int) ((length + DfsSettings.CHECKSUM_WINDOW - 1) / DfsSettings.CHECKSUM_WINDOW);
    }

    public long length() {
        return length;
    }

    public int windows() {
        return crcs.length;
    }

    public int crc(int window) {
        return crcs[window];
    }

    public static long windowStart(int window) {
        return (long) window * DfsSettings.CHECKSUM_WINDOW;
    }

    public int windowLength(int window) {
        return (int) Math.min(DfsSettings.CHECKSUM_WINDOW, length - windowStart(window));
    }

    /** True when {@code b[off, off+len)} is window {@code window} of this chunk, unchanged. */
    public boolean matches(int window, byte[] b, int off, int len) {
        return len == windowLength(window) && crcOf(b, off, len) == crcs[window];
    }

    /** True when the remaining bytes of {@code b} are window {@code window} of this chunk, unchanged. Leaves {@code b} as it was. */
    public boolean matches(int window, ByteBuffer b) {
        if (b.remaining() != windowLength(window)) return false;
        CRC32C c = new CRC32C();
        c.update(b.duplicate());
        return (int) c.getValue() == crcs[window];
    }

    public int digest() {
        CRC32C c = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 * crcs.length);
        buf.putLong(length);
        for (int x : crcs) buf.putInt(x);
        c.update(buf.array());
        return (int) c.getValue();
    }

    public static int crcOf(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    public byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + 4 * crcs.length + 4);
        buf.putInt(MAGIC).putInt(VERSION).putInt(DfsSettings.CHECKSUM_WINDOW).putLong(length).putInt(crcs.length);
        for (int x : crcs) buf.putInt(x);
        CRC32C c = new CRC32C();
        c.update(buf.array(), 0, buf.position());
        buf.putInt((int) c.getValue());
        return buf.array();
    }

    /** Decodes a {@code .crc} file; an {@link IOException} saying what is wrong when it is damaged. */
    public static ChunkCrcs decode(byte[] bytes) throws IOException {
        if (bytes.length < HEADER + 4) throw new IOException("checksum file too short (" + bytes.length + " bytes)");
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (buf.getInt() != MAGIC) throw new IOException("checksum file has a bad magic number");
        int version = buf.getInt();
        if (version != VERSION) throw new IOException("checksum file version " + version + " is not " + VERSION);
        int window = buf.getInt();
        if (window != DfsSettings.CHECKSUM_WINDOW) throw new IOException("checksum file window " + window + " is not " + DfsSettings.CHECKSUM_WINDOW);
        long length = buf.getLong();
        int count = buf.getInt();
        if (length < 0 || count != windows(length) || bytes.length != HEADER + 4 * count + 4) {
            throw new IOException("checksum file is inconsistent (length " + length + ", " + count + " checksums, " + bytes.length + " bytes)");
        }
        int[] crcs = new int[count];
        for (int i = 0; i < count; i++) crcs[i] = buf.getInt();
        CRC32C c = new CRC32C();
        c.update(bytes, 0, buf.position());
        if ((int) c.getValue() != buf.getInt()) throw new IOException("checksum file fails its own checksum");
        return new ChunkCrcs(length, crcs);
    }
}
