package dev.mr.shuffle.merge;

import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.CombineFunction;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.RawValues;
import dev.mr.shuffle.RecordSink;
import java.io.IOException;
import java.util.Arrays;

/**
 * Runs a combiner over map output and keeps its counters. {@link #copy} passes a sorted stream
 * through, calling the combiner once per run of two or more equal keys; a key seen once is
 * copied as it is (a combiner may run zero or more times per key, so skipping it there is
 * allowed, and it saves a call per distinct key). Every value of a run counts as combine input,
 * read or not; values the combiner leaves unread are dropped.
 *
 * <p>The combiner must write only records whose key equals (by the sort comparator) the key it
 * was given; otherwise the output would not stay sorted, so that is an error naming the key.
 *
 * <p>Confined to one thread; buffers are reused, so nothing is allocated per record.
 */
public final class Combining {

    private final CombineFunction combiner;
    private final RawComparator comparator;
    private final boolean bytewise;
    private final GroupValues group = new GroupValues();
    private final CountingValues counting = new CountingValues();
    private final CheckingSink checking = new CheckingSink();
    private long inputRecords;
    private long outputRecords;
    private byte[] groupKey = new byte[64];
    private int groupKeyLen;
    private byte[] firstValue = new byte[64];
    private int firstValueLen;

    public Combining(CombineFunction combiner, RawComparator comparator, boolean bytewise) {
        this.combiner = combiner;
        this.comparator = comparator;
        this.bytewise = bytewise;
    }

    public long inputRecords() {
        return inputRecords;
    }

    public long outputRecords() {
        return outputRecords;
    }

    /**
     * Sets the counts back to {@code inputRecords} and {@code outputRecords}: for a caller whose
     * calls stood for other records (a folded run of repeats counts as its values in and one out).
     */
    public void recount(long inputRecords, long outputRecords) {
        this.inputRecords = inputRecords;
        this.outputRecords = outputRecords;
    }

    /** Copies a sorted stream to {@code out}, with or without a combiner. */
    public static void copy(Combining combining, MergedRecords in, RecordSink out) throws IOException {
        if (combining != null) {
            combining.copy(in, out);
            return;
        }
        while (in.next()) {
            out.write(in.keyBuffer(), in.keyOffset(), in.keyLength(), in.valueBuffer(), in.valueOffset(), in.valueLength());
        }
    }

    /** Copies a sorted stream to {@code out}, combining each run of equal keys. */
    public void copy(MergedRecords in, RecordSink out) throws IOException {
        boolean has = in.next();
        while (has) {
            groupKeyLen = in.keyLength();
            if (groupKeyLen > groupKey.length) groupKey = new byte[Math.max(groupKeyLen, 2 * groupKey.length)];
            System.arraycopy(in.keyBuffer(), in.keyOffset(), groupKey, 0, groupKeyLen);
            firstValueLen = in.valueLength();
            if (firstValueLen > firstValue.length) firstValue = new byte[Math.max(firstValueLen, 2 * firstValue.length)];
            System.arraycopy(in.valueBuffer(), in.valueOffset(), firstValue, 0, firstValueLen);
            has = in.next();
            if (!has || !sameKey(in)) {
                out.write(groupKey, 0, groupKeyLen, firstValue, 0, firstValueLen);
                continue;
            }
            group.start(in);
            combine(groupKey, 0, groupKeyLen, group, out);
            has = group.pending;
        }
    }

    /** Runs the combiner over one key's values, counting them (all of them) and its output. */
    public void combine(byte[] key, int keyOff, int keyLen, RawValues values, RecordSink out) throws IOException {
        counting.start(values);
        checking.start(out, key, keyOff, keyLen);
        combiner.combine(key, keyOff, keyLen, counting, checking);
        while (counting.next()) {
            // drop what the combiner left unread, but count it as its input
        }
        inputRecords += counting.count;
        outputRecords += checking.count;
    }

    private boolean sameKey(MergedRecords in) {
        // in a run, the previous record is the group's first or had its key
        if (in.sameKeyAsPrevious()) return true;
        int len = in.keyLength();
        if (bytewise) {
            int off = in.keyOffset();
            return len == groupKeyLen && Arrays.equals(in.keyBuffer(), off, off + len, groupKey, 0, len);
        }
        return comparator.compare(in.keyBuffer(), in.keyOffset(), len, groupKey, 0, groupKeyLen) == 0;
    }

    /** The values of one run of equal keys: the copied first value, then the stream's while the key stays. */
    private final class GroupValues implements RawValues {

        private MergedRecords in;
        private int state;
        private boolean pending;
        private byte[] buf;
        private int off;
        private int len;

        void start(MergedRecords in) {
            this.in = in;
            this.state = 0;
            this.pending = false;
        }

        @Override
        public boolean next() throws IOException {
            switch (state) {
                case 0 -> {
                    state = 1;
                    buf = firstValue;
                    off = 0;
                    len = firstValueLen;
                    return true;
                }
                case 1 -> state = 2;
                case 2 -> {
                    if (!in.next()) {
                        state = 3;
                        return false;
                    }
                    if (!sameKey(in)) {
                        state = 3;
                        pending = true;
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
            buf = in.valueBuffer();
            off = in.valueOffset();
            len = in.valueLength();
            return true;
        }

        @Override
        public byte[] buffer() {
            return buf;
        }

        @Override
        public int offset() {
            return off;
        }

        @Override
        public int length() {
            return len;
        }
    }

    private static final class CountingValues implements RawValues {

        private RawValues values;
        private long count;
        private boolean done;

        void start(RawValues values) {
            this.values = values;
            this.count = 0;
            this.done = false;
        }

        @Override
        public boolean next() throws IOException {
            if (done) return false;
            if (values.next()) {
                count++;
                return true;
            }
            done = true;
            return false;
        }

        @Override
        public byte[] buffer() {
            return values.buffer();
        }

        @Override
        public int offset() {
            return values.offset();
        }

        @Override
        public int length() {
            return values.length();
        }
    }

    private final class CheckingSink implements RecordSink {

        private RecordSink out;
        private byte[] key;
        private int keyOff;
        private int keyLen;
        private long count;

        void start(RecordSink out, byte[] key, int keyOff, int keyLen) {
            this.out = out;
            this.key = key;
            this.keyOff = keyOff;
            this.keyLen = keyLen;
            this.count = 0;
        }

        @Override
        public void write(byte[] k, int kOff, int kLen, byte[] v, int vOff, int vLen) throws IOException {
            boolean same = bytewise
                    ? Arrays.equals(k, kOff, kOff + kLen, key, keyOff, keyOff + keyLen)
                    : comparator.compare(k, kOff, kLen, key, keyOff, keyLen) == 0;
            if (!same) {
                throw new IOException("the combiner wrote a record with key " + hex(k, kOff, kLen)
                        + " while combining key " + hex(key, keyOff, keyLen)
                        + "; a combiner must keep the key it is given");
            }
            out.write(k, kOff, kLen, v, vOff, vLen);
            count++;
        }
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(2 * Math.min(len, 32) + 8);
        for (int i = 0; i < Math.min(len, 32); i++) sb.append(String.format("%02x", b[off + i] & 0xFF));
        if (len > 32) sb.append("...(").append(len).append(" bytes)");
        return sb.toString();
    }
}
