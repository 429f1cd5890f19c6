package dev.mr.api.io;

import dev.mr.api.fs.SeekableInput;
import dev.mr.api.serde.Serde;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads files written by {@link RecordFileOutputFormat}, splitting them at sync markers. */
public class RecordFileInputFormat<K, V> extends FileInputFormat<K, V> {

    @Override
    protected RecordReader<K, V> fileReader(FileSplit fs, FormatContext context) throws IOException {
        SeekableInput in = openAt(new FileSplit(fs.path(), 0, 0, fs.hosts()), context);
        try {
            return new Reader<>(fs, in, context);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static final class Reader<K, V> implements RecordReader<K, V> {
        private final FileSplit split;
        private final Input in;
        private final Serde<K> keySerde;
        private final Serde<V> valueSerde;
        private final byte[] sync = new byte[RecordFile.SYNC_LENGTH];
        private final long begin;
        private byte[] key = new byte[64];
        private byte[] value = new byte[64];
        private K k;
        private V v;
        private long recordAt = -1;
        private boolean done;

        @SuppressWarnings("unchecked")
        Reader(FileSplit split, SeekableInput raw, FormatContext context) throws IOException {
            this.split = split;
            this.in = new Input(raw);
            if (raw.length() == 0) {
                done = true;
                keySerde = null;
                valueSerde = null;
                begin = 0;
                return;
            }
            byte[] magic = in.readBytes(RecordFile.MAGIC.length);
            if (!Arrays.equals(magic, RecordFile.MAGIC) || in.read() != RecordFile.VERSION) {
                throw new IOException(split.path() + " is not a record file written by RecordFileOutputFormat");
            }
            String keyClass = new String(in.readBytes(in.readVarInt()), StandardCharsets.UTF_8);
            String valueClass = new String(in.readBytes(in.readVarInt()), StandardCharsets.UTF_8);
            in.readFully(sync, sync.length);
            try {
                keySerde = (Serde<K>) context.serdes().forClass(context.serdes().loadClass(keyClass));
                valueSerde = (Serde<V>) context.serdes().forClass(context.serdes().loadClass(valueClass));
            } catch (ClassNotFoundException e) {
                throw new IOException(split.path() + " holds records of " + e.getMessage() + ", which is not in the job's jar", e);
            }
            if (split.start() > in.position()) {
                in.seek(split.start());
                // the split owns the records after the first sync that starts inside it, if any
                done = !skipToSync() || in.position() - RecordFile.ESCAPE.length - sync.length >= split.end();
            }
            begin = in.position();
        }

        /** Advances past the next escape+sync; false at the end of the file. */
        private boolean skipToSync() throws IOException {
            byte[] pattern = new byte[RecordFile.ESCAPE.length + sync.length];
            System.arraycopy(RecordFile.ESCAPE, 0, pattern, 0, RecordFile.ESCAPE.length);
            System.arraycopy(sync, 0, pattern, RecordFile.ESCAPE.length, sync.length);
            byte[] window = new byte[pattern.length];
            int filled = 0;
            while (true) {
                int b = in.read();
                if (b < 0) return false;
                if (filled < window.length) {
                    window[filled++] = (byte) b;
                } else {
                    System.arraycopy(window, 1, window, 0, window.length - 1);
                    window[window.length - 1] = (byte) b;
                }
                if (filled == window.length && Arrays.equals(window, pattern)) return true;
            }
        }

        @Override
        public boolean next() throws IOException {
            while (!done) {
                long at = in.position();
                int first = in.read();
                if (first < 0) {
                    done = true;
                    return false;
                }
                int keyLen = in.readVarInt(first);
                if (keyLen == -1) {
                    byte[] s = in.readBytes(sync.length);
                    if (!Arrays.equals(s, sync)) throw new IOException(split.path() + " is corrupt: bad sync marker at offset " + at);
                    if (at >= split.end()) done = true;
                    continue;
                }
                int valueLen = in.readVarInt(in.read());
                if (keyLen < 0 || valueLen < 0) throw new IOException(split.path() + " is corrupt at offset " + at);
                if (key.length < keyLen) key = new byte[keyLen];
                if (value.length < valueLen) value = new byte[valueLen];
                in.readFully(key, keyLen);
                in.readFully(value, valueLen);
                k = keySerde.read(key, 0, keyLen);
                v = valueSerde.read(value, 0, valueLen);
                recordAt = at;
                return true;
            }
            return false;
        }

        @Override
        public K key() {
            return k;
        }

        @Override
        public V value() {
            return v;
        }

        @Override
        public long bytesRead() {
            return in.position() - begin;
        }

        @Override
        public long recordPosition() {
            return recordAt;
        }

        @Override
        public void close() throws IOException {
            in.raw.close();
        }
    }

    /** Buffered reading with a known file position. */
    private static final class Input {
        final SeekableInput raw;
        private final byte[] buf = new byte[64 << 10];
        private int pos;
        private int limit;
        private long bufStart;

        Input(SeekableInput raw) throws IOException {
            this.raw = raw;
            this.bufStart = raw.position();
        }

        long position() {
            return bufStart + pos;
        }

        void seek(long p) throws IOException {
            raw.seek(p);
            bufStart = p;
            pos = limit = 0;
        }

        int read() throws IOException {
            if (pos == limit) {
                bufStart += limit;
                pos = 0;
                limit = Math.max(0, raw.read(buf, 0, buf.length));
                if (limit == 0) return -1;
            }
            return buf[pos++] & 0xFF;
        }

        int readVarInt() throws IOException {
            return readVarInt(read());
        }

        int readVarInt(int first) throws IOException {
            int result = 0;
            int shift = 0;
            int b = first;
            while (true) {
                if (b < 0) throw new EOFException("truncated record file");
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return result;
                shift += 7;
                if (shift > 28) throw new IOException("corrupt varint in record file");
                b = read();
            }
        }

        void readFully(byte[] dst, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                int b = read();
                if (b < 0) throw new EOFException("truncated record file");
                dst[i] = (byte) b;
            }
        }

        byte[] readBytes(int n) throws IOException {
            byte[] b = new byte[n];
            readFully(b, n);
            return b;
        }
    }
}
