package dev.mr.worker.shuffle;

import dev.mr.api.spi.AttemptId;
import java.util.Locale;

/**
 * The shuffle's HTTP contract between a worker serving map outputs and the reducers fetching
 * them: {@code GET /shuffle/v1/{mapAttemptId}/{partition}} answers 200 with exactly that
 * partition's segment of the map output file as the body, {@code Content-Length} its length
 * (0 for an empty partition), {@value #CRC32C} the segment's CRC32C as 8 lowercase hex digits
 * (the unsigned value, zero-padded, e.g. {@code 0a1b2c3d}), and {@value #RECORDS} its record
 * count in decimal, {@value #CODEC} how the segment is stored ({@code none}, {@code lz4} or
 * {@code zstd}; absent means none) and {@value #RAW_LENGTH} the bytes of its records uncompressed
 * (absent means the body's length). Errors are a {@code Problem} JSON body: 400 for a malformed attempt id or a
 * partition out of range, 404 for a map output this worker does not hold. Stateless.
 */
public final class ShuffleProtocol {

    public static final String PREFIX = "/shuffle/v1";
    public static final String CRC32C = "X-MR-CRC32C";
    public static final String RECORDS = "X-MR-Records";
    public static final String CODEC = "X-MR-Codec";
    public static final String RAW_LENGTH = "X-MR-Raw-Length";

    private ShuffleProtocol() {}

    /** The path of one segment. */
    public static String path(AttemptId mapAttempt, int partition) {
        return PREFIX + "/" + mapAttempt + "/" + partition;
    }

    public static String formatCrc(int crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    /** Parses 8 hex digits; {@link IllegalArgumentException} otherwise. */
    public static int parseCrc(String text) {
        if (text == null || text.length() != 8) throw new IllegalArgumentException("not a CRC32C of 8 hex digits: " + text);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) throw new IllegalArgumentException("not a CRC32C of 8 hex digits: " + text);
            v = v << 4 | d;
        }
        return (int) v;
    }
}
