package dev.mr.shuffle.sort;

import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.io.KeyPrefix;
import dev.mr.shuffle.io.Varint;
import java.util.Arrays;

/**
 * Map output as serialized records in one byte array plus a sort index of two longs per
 * record (see {@link IndexSorter}). A record is stored exactly as in a segment,
 * {@code [varint keyLen][varint valueLen][key][value]}, so nothing is encoded twice.
 *
 * <p>Budget: the record bytes plus 16 bytes of index per record reach the spill threshold, or
 * the two arrays' capacities together reach the buffer size, whichever comes first; arrays
 * start small and double within that room. Confined to the map task's thread.
 */
public final class SortBuffer implements CollectBuffer {

    private static final int INDEX_BYTES = 16;

    private final long budget;
    private final long threshold;
    private final boolean bytewise;
    private final RawComparator comparator;
    private final int[] partitionCounts;
    private final int[] partitionStarts;
    private final Sorter sorter;
    private byte[] data;
    private long[] index;
    private int used;
    private int count;

    public SortBuffer(int partitions, long budgetBytes, long thresholdBytes, RawComparator comparator, boolean bytewise) {
        this.budget = budgetBytes;
        this.threshold = Math.min(thresholdBytes, budgetBytes);
        this.comparator = comparator;
        this.bytewise = bytewise;
        this.partitionCounts = new int[partitions];
        this.partitionStarts = new int[partitions + 1];
        this.sorter = new Sorter(bytewise);
        allocate();
    }

    private void allocate() {
        data = new byte[(int) Math.min(budget / 2, 1 << 20)];
        index = new long[(int) Math.max(2, Math.min(budget / 16, 1 << 16)) & ~1];
    }

    @Override
    public boolean add(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        long recordBytes = (long) Varint.size(keyLen) + Varint.size(valueLen) + keyLen + valueLen;
        long end = used + recordBytes;
        if (end + (long) INDEX_BYTES * (count + 1) > threshold) return false;
        if (data == null) allocate();
        if (end > data.length) {
            int len = Capacity.grow(data.length, end, budget - 8L * index.length, 1);
            if (len < 0) return false;
            data = Arrays.copyOf(data, len);
        }
        if (2L * count + 2 > index.length) {
            int len = Capacity.grow(index.length, 2L * count + 2, budget - data.length, 8) & ~1;
            if (len < 2L * count + 2) return false;
            index = Arrays.copyOf(index, len);
        }
        int off = used;
        byte[] d = data;
        int p = Varint.write(d, off, keyLen);
        p = Varint.write(d, p, valueLen);
        System.arraycopy(key, keyOff, d, p, keyLen);
        System.arraycopy(value, valueOff, d, p + keyLen, valueLen);
        used = (int) end;
        int i = 2 * count;
        index[i] = bytewise ? KeyPrefix.of(key, keyOff, keyLen) : 0;
        index[i + 1] = IndexSorter.entry(partition, keyLen, off);
        count++;
        partitionCounts[partition]++;
        return true;
    }

    @Override
    public boolean isEmpty() {
        return count == 0;
    }

    public int records() {
        return count;
    }

    @Override
    public void sort() {
        sorter.sort(index, count);
        int start = 0;
        for (int p = 0; p < partitionCounts.length; p++) {
            partitionStarts[p] = start;
            start += partitionCounts[p];
        }
        partitionStarts[partitionCounts.length] = start;
    }

    @Override
    public MergedRecords partition(int partition) {
        return new Reader(partitionStarts[partition], partitionStarts[partition + 1]);
    }

    @Override
    public void clear() {
        used = 0;
        count = 0;
        Arrays.fill(partitionCounts, 0);
    }

    @Override
    public void release() {
        clear();
        data = null;
        index = null;
    }

    private final class Sorter extends IndexSorter {

        Sorter(boolean bytewise) {
            super(bytewise);
        }

        @Override
        protected int compareKeys(int a, int b) {
            byte[] d = data;
            long ka = Varint.read(d, a, d.length);
            int ao = a + (int) (ka >>> 32);
            ao += (int) (Varint.read(d, ao, d.length) >>> 32);
            long kb = Varint.read(d, b, d.length);
            int bo = b + (int) (kb >>> 32);
            bo += (int) (Varint.read(d, bo, d.length) >>> 32);
            return comparator.compare(d, ao, (int) ka, d, bo, (int) kb);
        }

        @Override
        protected long keyChunk(int ref, int from) {
            byte[] d = data;
            long k = Varint.read(d, ref, d.length);
            int o = ref + (int) (k >>> 32);
            o += (int) (Varint.read(d, o, d.length) >>> 32);
            return KeyPrefix.of(d, o + from, (int) k - from);
        }
    }

    /**
     * Reads the sorted index range [from, to) of one partition. Records are scattered in
     * {@code data}, so each is a cache miss; the reader touches the next {@value #BATCH} records
     * in a tight loop before reading them, so that their misses overlap instead of queueing.
     */
    private final class Reader implements MergedRecords {

        private static final int BATCH = 32;

        private int next;
        private int touched;
        private long sink;
        private final int end;
        private int keyOff;
        private int keyLen;
        private int valueOff;
        private int valueLen;

        Reader(int from, int to) {
            this.next = from;
            this.touched = from;
            this.end = to;
        }

        @Override
        public boolean next() {
            if (next >= end) return false;
            byte[] d = data;
            if (next >= touched) {
                int to = Math.min(end, next + BATCH);
                long x = sink;
                long[] idx = index;
                int last = d.length - 1;
                for (int i = next; i < to; i++) {
                    int at = IndexSorter.ref(idx[2 * i + 1]);
                    x += d[at] + d[Math.min(at + 64, last)];
                }
                sink = x;
                touched = to;
            }
            int off = IndexSorter.ref(index[2 * next + 1]);
            next++;
            long k = Varint.read(d, off, d.length);
            off += (int) (k >>> 32);
            long v = Varint.read(d, off, d.length);
            off += (int) (v >>> 32);
            keyOff = off;
            keyLen = (int) k;
            valueOff = off + keyLen;
            valueLen = (int) v;
            return true;
        }

        @Override
        public byte[] keyBuffer() {
            return data;
        }

        @Override
        public int keyOffset() {
            return keyOff;
        }

        @Override
        public int keyLength() {
            return keyLen;
        }

        @Override
        public byte[] valueBuffer() {
            return data;
        }

        @Override
        public int valueOffset() {
            return valueOff;
        }

        @Override
        public int valueLength() {
            return valueLen;
        }

        @Override
        public void close() {}
    }
}
