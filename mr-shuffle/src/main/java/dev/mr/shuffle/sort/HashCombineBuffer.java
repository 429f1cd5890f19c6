package dev.mr.shuffle.sort;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.RawValues;
import dev.mr.shuffle.RecordSink;
import dev.mr.shuffle.io.KeyPrefix;
import dev.mr.shuffle.io.Varint;
import dev.mr.shuffle.merge.Combining;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Map output grouped by key as it arrives, for jobs with a combiner (Spark's map-side combine):
 * an open-addressing table keyed by (partition, key bytes) whose entries point at the key,
 * stored once, and at a chain of that key's values. When memory fills, {@link #collapseInto}
 * runs the combiner over each key's values and the caller re-adds the results, so only
 * distinct keys, not records, fill the buffer; it is sorted and spilled when they do.
 *
 * <p>Layout, all in primitive arrays: {@code data} holds keys and value nodes
 * {@code [int next (big-endian, -1 at the end)][varint length][value]}; {@code entries} holds
 * six ints per key (key offset, key length, partition, first node, last node, value count);
 * {@code table} holds {@code (hash << 32) | (entry + 1)}, 0 when free, at most half full. The
 * sort reuses {@code table} as its index, which the load factor makes large enough.
 *
 * <p>Budget: bytes used in {@code data}, 24 bytes per key and 8 per table slot reach the spill
 * threshold, or the arrays' capacities reach the buffer size. A collapse also needs a
 * temporary buffer for the combined records; it is only done when they are expected to take
 * at most a quarter of the threshold (see {@link #worthCollapsing}). Confined to the map task's thread.
 */
public final class HashCombineBuffer implements CollectBuffer {

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int STRIDE = 6;
    private static final int KEY_OFF = 0;
    private static final int KEY_LEN = 1;
    private static final int PART = 2;
    private static final int HEAD = 3;
    private static final int TAIL = 4;
    private static final int COUNT = 5;
    private static final int ENTRY_BYTES = 4 * STRIDE;

    private final long budget;
    private final long threshold;
    private final boolean bytewise;
    private final RawComparator comparator;
    private final int[] partitionCounts;
    private final int[] partitionStarts;
    private final Sorter sorter;
    private final ChainValues chainValues = new ChainValues();
    private final ScratchSink scratchSink = new ScratchSink();
    private byte[] data;
    private int used;
    private int[] entries;
    private int entryCount;
    private long[] table;
    private long values;
    private long keyBytes;
    private long valueBytes;

    public HashCombineBuffer(int partitions, long budgetBytes, long thresholdBytes, RawComparator comparator, boolean bytewise) {
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
        entries = new int[(int) Math.max(STRIDE, Math.min(budget / 8 / 4, 1 << 15) / STRIDE * STRIDE)];
        table = new long[Math.max(4, Integer.highestOneBit((int) Math.min(budget / 8 / 8, 1 << 14)))];
    }

    private long usedBytes() {
        return used + (long) ENTRY_BYTES * entryCount + 8L * table.length;
    }

    private long allocatedBytes() {
        return data.length + 4L * entries.length + 8L * table.length;
    }

    @Override
    public boolean add(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        if (data == null) allocate();
        int hash = KeyHash.of(key, keyOff, keyLen);
        int mask = table.length - 1;
        int slot = hash & mask;
        long s;
        while ((s = table[slot]) != 0) {
            if ((int) (s >>> 32) == hash) {
                int e = (int) s - 1;
                int base = e * STRIDE;
                int ko = entries[base + KEY_OFF];
                if (entries[base + KEY_LEN] == keyLen && entries[base + PART] == partition
                        && Arrays.equals(data, ko, ko + keyLen, key, keyOff, keyOff + keyLen)) {
                    return appendValue(base, value, valueOff, valueLen);
                }
            }
            slot = (slot + 1) & mask;
        }
        return addEntry(partition, hash, key, keyOff, keyLen, value, valueOff, valueLen);
    }

    private boolean appendValue(int base, byte[] value, int valueOff, int valueLen) {
        long node = 4L + Varint.size(valueLen) + valueLen;
        if (usedBytes() + node > threshold || !ensureData(used + node)) return false;
        int at = writeNode(value, valueOff, valueLen);
        INT_BE.set(data, entries[base + TAIL], at);
        entries[base + TAIL] = at;
        entries[base + COUNT]++;
        return true;
    }

    private boolean addEntry(int partition, int hash, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        int tableLen = 2L * (entryCount + 1) > table.length ? 2 * table.length : table.length;
        long node = 4L + Varint.size(valueLen) + valueLen;
        long needed = (long) keyLen + node + ENTRY_BYTES;
        if (used + (long) ENTRY_BYTES * entryCount + 8L * tableLen + needed > threshold) return false;
        if (tableLen != table.length) {
            if (allocatedBytes() + 8L * table.length > budget) return false;
            rehash(tableLen);
        }
        if ((long) STRIDE * (entryCount + 1) > entries.length) {
            int len = Capacity.grow(entries.length, (long) STRIDE * (entryCount + 1),
                    budget - data.length - 8L * table.length, 4) / STRIDE * STRIDE;
            if (len < STRIDE * (entryCount + 1)) return false;
            entries = Arrays.copyOf(entries, len);
        }
        if (!ensureData(used + keyLen + node)) return false;
        int ko = used;
        System.arraycopy(key, keyOff, data, ko, keyLen);
        used += keyLen;
        int at = writeNode(value, valueOff, valueLen);
        int e = entryCount++;
        int base = e * STRIDE;
        entries[base + KEY_OFF] = ko;
        entries[base + KEY_LEN] = keyLen;
        entries[base + PART] = partition;
        entries[base + HEAD] = at;
        entries[base + TAIL] = at;
        entries[base + COUNT] = 1;
        int mask = table.length - 1;
        int slot = hash & mask;
        while (table[slot] != 0) slot = (slot + 1) & mask;
        table[slot] = ((long) hash << 32) | (e + 1);
        keyBytes += keyLen;
        partitionCounts[partition]++;
        return true;
    }

    private boolean ensureData(long end) {
        if (end <= data.length) return true;
        int len = Capacity.grow(data.length, end, budget - 4L * entries.length - 8L * table.length, 1);
        if (len < 0) return false;
        data = Arrays.copyOf(data, len);
        return true;
    }

    private int writeNode(byte[] value, int valueOff, int valueLen) {
        int at = used;
        INT_BE.set(data, at, -1);
        int p = Varint.write(data, at + 4, valueLen);
        System.arraycopy(value, valueOff, data, p, valueLen);
        used = p + valueLen;
        values++;
        valueBytes += valueLen;
        return at;
    }

    private void rehash(int newLength) {
        long[] old = table;
        long[] t = new long[newLength];
        int mask = newLength - 1;
        for (long s : old) {
            if (s == 0) continue;
            int slot = (int) (s >>> 32) & mask;
            while (t[slot] != 0) slot = (slot + 1) & mask;
            t[slot] = s;
        }
        table = t;
    }

    @Override
    public boolean isEmpty() {
        return entryCount == 0;
    }

    /**
     * True when combining now is likely to free most of the buffer: keys hold two or more
     * values on average, what is left afterwards should take at most half the threshold, and
     * the temporary copy of the combined records at most a quarter of it.
     */
    public boolean worthCollapsing() {
        if (entryCount == 0 || values < 2L * entryCount) return false;
        long valueLen = valueBytes / values;
        long scratch = keyBytes + entryCount * (3L + valueLen);
        long after = keyBytes + entryCount * (ENTRY_BYTES + 5L + valueLen) + 8L * table.length;
        return scratch <= threshold / 4 && after <= threshold / 2;
    }

    /**
     * Combines each key's values into {@code scratch} as {@code [varint partition][varint keyLen]
     * [varint valueLen][key][value]} records (a key with one value is copied), then clears this
     * buffer. The caller adds the records back.
     */
    public void collapseInto(Combining combining, ByteBuilder scratch) throws IOException {
        for (int e = 0; e < entryCount; e++) {
            int base = e * STRIDE;
            int ko = entries[base + KEY_OFF];
            int kl = entries[base + KEY_LEN];
            scratchSink.start(scratch, entries[base + PART]);
            if (entries[base + COUNT] == 1) {
                int node = entries[base + HEAD];
                long v = Varint.read(data, node + 4, data.length);
                scratchSink.write(data, ko, kl, data, node + 4 + (int) (v >>> 32), (int) v);
            } else {
                chainValues.start(entries[base + HEAD]);
                combining.combine(data, ko, kl, chainValues, scratchSink);
            }
        }
        clear();
    }

    @Override
    public void sort() {
        long[] idx = table;
        for (int e = 0; e < entryCount; e++) {
            int base = e * STRIDE;
            int kl = entries[base + KEY_LEN];
            idx[2 * e] = bytewise ? KeyPrefix.of(data, entries[base + KEY_OFF], kl) : 0;
            idx[2 * e + 1] = IndexSorter.entry(entries[base + PART], kl, e);
        }
        sorter.sort(idx, entryCount);
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
        entryCount = 0;
        values = 0;
        keyBytes = 0;
        valueBytes = 0;
        if (table != null) Arrays.fill(table, 0);
        Arrays.fill(partitionCounts, 0);
    }

    @Override
    public void release() {
        clear();
        data = null;
        entries = null;
        table = null;
    }

    private final class Sorter extends IndexSorter {

        Sorter(boolean bytewise) {
            super(bytewise);
        }

        @Override
        protected int compareKeys(int a, int b) {
            int ba = a * STRIDE;
            int bb = b * STRIDE;
            return comparator.compare(data, entries[ba + KEY_OFF], entries[ba + KEY_LEN],
                    data, entries[bb + KEY_OFF], entries[bb + KEY_LEN]);
        }
    }

    /** One key's chain of values. */
    private final class ChainValues implements RawValues {

        private int node;
        private int off;
        private int len;

        void start(int head) {
            node = head;
        }

        @Override
        public boolean next() {
            if (node < 0) return false;
            long v = Varint.read(data, node + 4, data.length);
            off = node + 4 + (int) (v >>> 32);
            len = (int) v;
            node = (int) INT_BE.get(data, node);
            return true;
        }

        @Override
        public byte[] buffer() {
            return data;
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

    /** Appends combined records, with their partition, to the collapse's scratch buffer. */
    private static final class ScratchSink implements RecordSink {

        private ByteBuilder out;
        private int partition;

        void start(ByteBuilder out, int partition) {
            this.out = out;
            this.partition = partition;
        }

        @Override
        public void write(byte[] k, int kOff, int kLen, byte[] v, int vOff, int vLen) {
            out.writeVarInt(partition);
            out.writeVarInt(kLen);
            out.writeVarInt(vLen);
            out.write(k, kOff, kLen);
            out.write(v, vOff, vLen);
        }
    }

    /** The sorted entries [from, to) of one partition, each key once per value in its chain. */
    private final class Reader implements MergedRecords {

        private int next;
        private final int end;
        private int node = -1;
        private int keyOff;
        private int keyLen;
        private int valueOff;
        private int valueLen;

        Reader(int from, int to) {
            this.next = from;
            this.end = to;
        }

        @Override
        public boolean next() {
            int n = node < 0 ? -1 : (int) INT_BE.get(data, node);
            while (n < 0) {
                if (next >= end) {
                    node = -1;
                    return false;
                }
                int base = IndexSorter.ref(table[2 * next + 1]) * STRIDE;
                next++;
                keyOff = entries[base + KEY_OFF];
                keyLen = entries[base + KEY_LEN];
                n = entries[base + HEAD];
            }
            node = n;
            long v = Varint.read(data, n + 4, data.length);
            valueOff = n + 4 + (int) (v >>> 32);
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
