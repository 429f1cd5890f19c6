package dev.mr.dfs.chunk;

import dev.mr.dfs.DfsSettings;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Computes a chunk's {@link ChunkCrcs} from its bytes as they stream past, in pieces of any
 * size. Confined to one thread.
 */
public final class ChunkChecksum {

    private final CRC32C crc = new CRC32C();
    private int[] crcs = new int[16];
    private int count;
    private int inWindow;
    private long length;

    public void update(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, DfsSettings.CHECKSUM_WINDOW - inWindow);
            crc.update(b, off, n);
            off += n;
            len -= n;
            advance(n);
        }
    }

    public void update(ByteBuffer b) {
        while (b.hasRemaining()) {
            int n = Math.min(b.remaining(), DfsSettings.CHECKSUM_WINDOW - inWindow);
            ByteBuffer slice = b.slice();
            slice.limit(n);
            crc.update(slice);
            b.position(b.position() + n);
            advance(n);
        }
    }

    private void advance(int n) {
        inWindow += n;
        length += n;
        if (inWindow == DfsSettings.CHECKSUM_WINDOW) closeWindow();
    }

    private void closeWindow() {
        if (count == crcs.length) crcs = Arrays.copyOf(crcs, count * 2);
        crcs[count++] = (int) crc.getValue();
        crc.reset();
        inWindow = 0;
    }

    public long length() {
        return length;
    }

    /** The checksums of everything seen so far; this accumulator must not be used afterwards. */
    public ChunkCrcs finish() {
        if (inWindow > 0) closeWindow();
        return new ChunkCrcs(length, Arrays.copyOf(crcs, count));
    }
}
