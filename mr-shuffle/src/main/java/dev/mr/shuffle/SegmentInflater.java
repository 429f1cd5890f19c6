package dev.mr.shuffle;

import dev.mr.shuffle.io.BlockDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * Turns a compressed segment, as stored and served, into its records' bytes in memory, checking
 * the CRC32C of the stored bytes on the way: what a reducer does with a fetched segment small
 * enough to keep. A block that does not decompress is first checked against that CRC32C (the rest
 * of the segment is read for it), so damage is reported as the {@link ChecksumMismatchException}
 * it is, exactly as for an uncompressed segment. Memory: the raw bytes plus one decoder's two
 * block buffers. Stateless.
 */
public final class SegmentInflater {

    private SegmentInflater() {}

    /**
     * Reads {@code length} stored bytes of a {@code codec} segment from {@code in} and returns its
     * {@code rawLength} bytes of records; {@code what} names the segment in errors.
     */
    public static byte[] inflate(InputStream in, long length, int rawLength, ShuffleCodec codec, int expectedCrc, String what)
            throws IOException {
        CRC32C crc = new CRC32C();
        CheckedInputStream checked = new CheckedInputStream(in, crc);
        byte[] raw = new byte[rawLength];
        try (BlockDecoder decoder = BlockDecoder.open(codec)) {
            decoder.reset(checked, length);
            try {
                decoder.readFully(raw, 0, rawLength);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                byte[] rest = new byte[1 << 16];
                for (long left = length - decoder.consumed(); left > 0; ) {
                    int r = checked.read(rest, 0, (int) Math.min(rest.length, left));
                    if (r < 0) break;
                    left -= r;
                }
                SegmentChecksum.check((int) crc.getValue(), expectedCrc, what);
                throw new IOException(what + ": " + e.getMessage(), e);
            }
        }
        SegmentChecksum.check((int) crc.getValue(), expectedCrc, what);
        return raw;
    }
}
