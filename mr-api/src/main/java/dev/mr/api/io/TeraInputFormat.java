package dev.mr.api.io;

import dev.mr.api.fs.SeekableInput;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Hadoop TeraSort's fixed-length records: 100 bytes each, a 10-byte key and a 90-byte value,
 * with no separators. A split owns the records that start inside it.
 */
public class TeraInputFormat extends FileInputFormat<byte[], byte[]> {

    public static final int KEY_LENGTH = 10;
    public static final int VALUE_LENGTH = 90;
    public static final int RECORD_LENGTH = KEY_LENGTH + VALUE_LENGTH;

    @Override
    protected RecordReader<byte[], byte[]> fileReader(FileSplit fs, FormatContext context) throws IOException {
        long first = (fs.start() + RECORD_LENGTH - 1) / RECORD_LENGTH * RECORD_LENGTH;
        long count = Math.max(0, (fs.end() - first + RECORD_LENGTH - 1) / RECORD_LENGTH);
        SeekableInput in = openAt(new FileSplit(fs.path(), first, 0, fs.hosts()), context);
        return new RecordReader<>() {
            private final byte[] buf = new byte[RECORD_LENGTH * 8192];
            private int pos;
            private int limit;
            private long done;
            private byte[] key;
            private byte[] value;

            @Override
            public boolean next() throws IOException {
                if (done == count) return false;
                if (pos == limit) refill();
                if (limit - pos < RECORD_LENGTH) {
                    if (limit == pos) return false;
                    throw new EOFException(fs.path() + " ends inside a record: its length is not a multiple of " + RECORD_LENGTH);
                }
                key = Arrays.copyOfRange(buf, pos, pos + KEY_LENGTH);
                value = Arrays.copyOfRange(buf, pos + KEY_LENGTH, pos + RECORD_LENGTH);
                pos += RECORD_LENGTH;
                done++;
                return true;
            }

            private void refill() throws IOException {
                long wanted = Math.min(buf.length, (count - done) * RECORD_LENGTH);
                pos = 0;
                limit = in.readNBytes(buf, 0, (int) wanted);
            }

            @Override
            public byte[] key() {
                return key;
            }

            @Override
            public byte[] value() {
                return value;
            }

            @Override
            public long bytesRead() {
                return done * RECORD_LENGTH;
            }

            @Override
            public long recordPosition() {
                return done == 0 ? -1 : first + (done - 1) * RECORD_LENGTH;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
