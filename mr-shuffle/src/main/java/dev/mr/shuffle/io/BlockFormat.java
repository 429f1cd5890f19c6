package dev.mr.shuffle.io;

/**
 * The block format of a compressed segment: the records' bytes (as an uncompressed segment
 * holds them) cut into blocks of at most {@value #BLOCK_SIZE} bytes, each stored as
 * {@code int rawLength, int storedLength} (big-endian) and then {@code storedLength} bytes: the
 * block compressed, or, when compressing did not make it smaller, the block as it was
 * ({@code storedLength == rawLength}). A block ends where it ends, inside a record or not; each
 * segment starts a new block, so a segment is a byte range of the file that can be read alone.
 * Stateless.
 */
final class BlockFormat {

    /** Raw bytes per block: large enough for Zstandard to find repeats, small enough to keep two per reader. */
    static final int BLOCK_SIZE = 128 << 10;
    static final int HEADER = 8;
    /** No writer makes larger blocks; a header claiming more is damage, not a reason to allocate. */
    static final int MAX_RAW = 4 << 20;

    private BlockFormat() {}

    static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
