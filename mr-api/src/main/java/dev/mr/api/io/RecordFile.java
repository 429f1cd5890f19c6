package dev.mr.api.io;

import java.nio.charset.StandardCharsets;

/**
 * The binary record file layout shared by {@link RecordFileOutputFormat} and
 * {@link RecordFileInputFormat}:
 *
 * <pre>
 * header:  "MRRF" 0x01  varint+UTF-8 key class  varint+UTF-8 value class  sync(16)
 * body:    record*  where record = varint keyLen, varint valueLen, key, value
 *          and every ~64 KiB: varint 0xFFFFFFFF (the escape), sync(16)
 * </pre>
 *
 * A reader of a split starts after the first sync at or past the split's start and stops at
 * the first sync at or past its end, so every record is read by exactly one split.
 */
final class RecordFile {

    private RecordFile() {}

    static final byte[] MAGIC = "MRRF".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int SYNC_LENGTH = 16;
    /** varint encoding of -1 (as unsigned 0xFFFFFFFF): can never start a record's key length. */
    static final byte[] ESCAPE = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
    static final int SYNC_INTERVAL = 64 << 10;
}
