package dev.mr.shuffle.sort;

import static dev.mr.shuffle.sort.CombineSlot.INLINE;
import static dev.mr.shuffle.sort.CombineSlot.INLINE_CAP;
import static dev.mr.shuffle.sort.CombineSlot.SHORT_KEY;
import static dev.mr.shuffle.sort.CombineSlot.SIZE;
import static dev.mr.shuffle.sort.CombineSlot.at;
import static dev.mr.shuffle.sort.CombineSlot.count;
import static dev.mr.shuffle.sort.CombineSlot.free;
import static dev.mr.shuffle.sort.CombineSlot.head;
import static dev.mr.shuffle.sort.CombineSlot.inlineUsed;
import static dev.mr.shuffle.sort.CombineSlot.lastInline;
import static dev.mr.shuffle.sort.CombineSlot.nextNode;
import static dev.mr.shuffle.sort.CombineSlot.repeats;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.RawComparator;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.RawValues;
import dev.mr.shuffle.RecordSink;
import dev.mr.shuffle.io.KeyPrefix;
import dev.mr.shuffle.io.Varint;
import dev.mr.shuffle.merge.Combining;
import java.io.IOException;
import java.util.Arrays;

/**
 * Map output grouped by key as it arrives, for jobs with a combiner (Spark's map-side combine):
 * an open-addressing table keyed by (partition, key bytes). A value equal to the last one kept
 * inline for its key is only counted (a repeat): WordCount's ones take no room and no combiner
 * call until the spill, where each key's run is combined once. Other values are combined as soon
 * as the key's small inline area is full (or, for values kept out of line, once it has
 * {@value #EAGER_VALUES}), and when memory fills anyway {@link #collapseInto} combines every
 * key's values for the caller to add back. So distinct keys, not records, fill the buffer; it is
 * sorted and spilled when they do.
 *
 * <p>The design follows from the cost of a cache miss (about 200 ns on the benchmark machine):
 * everything a typical key needs lives in its one 64-byte table slot ({@link CombineSlot}), so
 * adding a record to a known key reads and writes one cache line, and keys of up to 16 bytes are
 * never stored or read anywhere else. Values that do not fit in the slot go to {@code data} as
 * nodes {@code [int next][varint length][value]}, each put at the head of its key's chain so
 * adding never writes to old memory. The table is at most four-fifths full: with linear probing
 * the keys that came first sit in their first slot, and in text these are the frequent ones, so a
 * fuller table costs few extra probes, while a smaller one leaves more of the cache to the rest of
 * the task (at half full, 100,000 words took 16 MiB; now 8).
 *
 * <p>Budget: bytes used in {@code data} plus the table plus 16 bytes per key (the sort index)
 * reach the spill threshold, or those arrays' capacities reach the buffer size. A collapse also
 * needs a temporary buffer for the combined records; it is only done when they should take at
 * most a quarter of the threshold. A combiner whose output is larger than its input may take
 * {@code data} past the budget by that excess. Confined to the map task's thread.
 */
public final class HashCombineBuffer implements CollectBuffer {

    /** Out-of-line values a key gathers before they are combined without waiting for the buffer to fill. */
    static final int EAGER_VALUES = 16;

    /** Values a key may hold before repeats stop being only counted, so that counts never overflow. */
    static final int MAX_VALUES = 1 << 30;

    /** Counted repeats from which a key's run is folded before a spill instead of replayed (see {@link RepeatFolding}). */
    static final int FOLD_REPEATS = 64;

    private final long budget;
    private final long threshold;
    private final boolean bytewise;
    private final RawComparator comparator;
    private final Combining combining;
    private final RepeatFolding folding;
    private final int[] partitionCounts;
    private final int[] partitionStarts;
    private final Sorter sorter;
    private final EntryValues entryValues = new EntryValues();
    private final CollapseSink collapseSink = new CollapseSink();
    private final EntrySink entrySink = new EntrySink();
    private final byte[] inlineCopy = new byte[INLINE_CAP];
    private boolean eager;
    private byte[] data;
    private int used;
    private byte[] table;
    private int slots;
    private long[] index;
    private int entryCount;
    private long nodeBytes;
    private long keyBytes;
    private long valueBytes;
    private long valuesAdded;
    private long valuesSinceClear;
    /** What {@link #warm} read, kept so that the reads are not optimized away. */
    private long warmed;

    public HashCombineBuffer(int partitions, long budgetBytes, long thresholdBytes, RawComparator comparator,
                             boolean bytewise, Combining combining) {
        this.budget = budgetBytes;
        this.threshold = Math.min(thresholdBytes, budgetBytes);
        this.comparator = comparator;
        this.bytewise = bytewise;
        this.combining = combining;
        this.folding = combining == null ? null : new RepeatFolding(combining);
        this.eager = combining != null;
        this.partitionCounts = new int[partitions];
        this.partitionStarts = new int[partitions + 1];
        this.sorter = new Sorter(bytewise);
        allocate();
    }

    private void allocate() {
        slots = Math.max(2, Integer.highestOneBit((int) Math.min(budget / 4 / SIZE, 1 << 13)));
        table = new byte[at(slots)];
        data = new byte[(int) Math.min(budget / 4, 1 << 16)];
        index = new long[0];
    }

    private long usedBytes(int tableBytes, int entries) {
        return used + (long) tableBytes + 16L * entries;
    }

    /** The hash that {@link #warm} and {@link #add(int, int, byte[], int, int, byte[], int, int)} take. */
    public static int hash(int partition, byte[] key, int keyOff, int keyLen) {
        return KeyHash.of(key, keyOff, keyLen) ^ (partition * 0x9E3779B9);
    }

    /**
     * Reads the first two table slots that lookups of keys with these {@link #hash}es probe, and
     * nothing else: called for a batch of keys before they are added, it lets their cache misses
     * overlap. The loop is kept this small so that the CPU has many of its loads in flight at once
     * (hashing in the same loop left room for only a few); the second slot is where about a
     * quarter of lookups go on to, as the table is up to four-fifths full.
     */
    public void warm(int[] hashes, int n) {
        byte[] t = table;
        if (t == null) return;
        int mask = slots - 1;
        long w = 0;
        for (int i = 0; i < n; i++) {
            int h = hashes[i];
            w += CombineSlot.tag(t, at(h & mask)) + CombineSlot.tag(t, at((h + 1) & mask));
        }
        warmed += w;
    }

    @Override
    public boolean add(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        return add(hash(partition, key, keyOff, keyLen), partition, key, keyOff, keyLen, value, valueOff, valueLen);
    }

    /** {@link #add(int, byte[], int, int, byte[], int, int)} of a key whose {@link #hash} the caller has. */
    public boolean add(int hash, int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff,
                       int valueLen) {
        if (table == null) allocate();
        long k0 = KeyPrefix.of(key, keyOff, keyLen);
        long k1 = keyLen > 8 ? KeyPrefix.of(key, keyOff + 8, keyLen - 8) : 0;
        long tag = CombineSlot.tag(hash, keyLen);
        byte[] t = table;
        int mask = slots - 1;
        int slot = hash & mask;
        while (true) {
            int b = at(slot);
            long s = CombineSlot.tag(t, b);
            if (s == 0) return addEntry(b, tag, k0, k1, partition, key, keyOff, keyLen, value, valueOff, valueLen);
            if (s == tag && CombineSlot.key0(t, b) == k0 && CombineSlot.key1(t, b) == k1 && CombineSlot.partition(t, b) == partition
                    && (keyLen <= SHORT_KEY || sameLongKey(CombineSlot.keyOffset(t, b), key, keyOff, keyLen))) {
                return addValue(b, value, valueOff, valueLen);
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameLongKey(int at, byte[] key, int keyOff, int keyLen) {
        return Arrays.equals(data, at + SHORT_KEY, at + keyLen, key, keyOff + SHORT_KEY, keyOff + keyLen);
    }

    private boolean addValue(int b, byte[] value, int valueOff, int valueLen) {
        if (repeatLast(b, value, valueOff, valueLen) || appendInline(b, value, valueOff, valueLen)) {
            counted(valueLen);
            return true;
        }
        byte[] t = table;
        if (eager && head(t, b) < 0 && count(t, b) > 0) {
            // the inline area is full: combine it with this value, in cache, right now
            counted(valueLen);
            combineEntry(b, value, valueOff, valueLen);
            return true;
        }
        long node = 4L + Varint.size(valueLen) + valueLen;
        if (usedBytes(t.length, entryCount) + node > threshold || !ensureData(used + node, false)) return false;
        counted(valueLen);
        prepend(b, value, valueOff, valueLen);
        if (eager && count(t, b) >= EAGER_VALUES) combineEntry(b, null, 0, 0);
        return true;
    }

    private void counted(int valueLen) {
        valuesSinceClear++;
        valuesAdded++;
        valueBytes += valueLen;
    }

    /**
     * Counts one more of slot {@code b}'s last inline value if {@code value} equals it. Inline
     * values are shorter than {@value CombineSlot#INLINE_CAP} bytes, so their length is one byte.
     */
    private boolean repeatLast(int b, byte[] value, int valueOff, int valueLen) {
        byte[] t = table;
        int at = b + INLINE + lastInline(t, b);
        int count = count(t, b);
        if (inlineUsed(t, b) == 0 || t[at] != valueLen || count >= MAX_VALUES) return false;
        if (valueLen <= 8) {
            // a value of up to 8 bytes (WordCount's int) is one compare of two zero-padded words
            // (the lengths are equal); measured -7% CPU on WordCount against the byte loop
            if (KeyPrefix.of(t, at + 1, valueLen) != KeyPrefix.of(value, valueOff, valueLen)) return false;
        } else {
            // a byte loop: values here are short, and Arrays.equals costs more than the compare on them
            for (int i = 0; i < valueLen; i++) {
                if (t[at + 1 + i] != value[valueOff + i]) return false;
            }
        }
        repeats(t, b, repeats(t, b) + 1);
        count(t, b, count + 1);
        return true;
    }

    /** Appends a value to slot {@code b}'s inline area, unless it is full or its last value has repeats (they would be lost). */
    private boolean appendInline(int b, byte[] value, int valueOff, int valueLen) {
        byte[] t = table;
        int used = inlineUsed(t, b);
        if (valueLen >= INLINE_CAP - used || repeats(t, b) > 0) return false;
        int p = Varint.write(t, b + INLINE + used, valueLen);
        if (p + valueLen > b + SIZE) return false; // the length took two bytes: no room after all
        System.arraycopy(value, valueOff, t, p, valueLen);
        lastInline(t, b, used);
        repeats(t, b, 0);
        inlineUsed(t, b, p + valueLen - b - INLINE);
        count(t, b, count(t, b) + 1);
        return true;
    }

    private boolean addEntry(int b, long tag, long k0, long k1, int partition, byte[] key, int keyOff, int keyLen,
                             byte[] value, int valueOff, int valueLen) {
        boolean grow = 5L * (entryCount + 1) > 4L * slots; // at most four-fifths full
        int tableBytes = grow ? at(2 * slots) : table.length;
        long needed = (keyLen > SHORT_KEY ? keyLen : 0)
                + (valueLen + 1 < INLINE_CAP ? 0 : 4L + Varint.size(valueLen) + valueLen);
        if (usedBytes(tableBytes, entryCount + 1) + needed > threshold) return false;
        if (grow) {
            if ((long) data.length + tableBytes + 16L * slots > budget) return false;
            rehash(2 * slots);
            return add(CombineSlot.hash(tag), partition, key, keyOff, keyLen, value, valueOff, valueLen);
        }
        if (!ensureData(used + needed, false)) return false;
        int ko = -1;
        if (keyLen > SHORT_KEY) {
            ko = used;
            System.arraycopy(key, keyOff, data, ko, keyLen);
            used += keyLen;
        }
        CombineSlot.init(table, b, tag, k0, k1, ko, partition);
        entryCount++;
        keyBytes += keyLen;
        partitionCounts[partition]++;
        counted(valueLen);
        if (!appendInline(b, value, valueOff, valueLen)) prepend(b, value, valueOff, valueLen);
        return true;
    }

    /** Writes a value node to {@code data} and makes it the head of slot {@code b}'s chain. */
    private void prepend(int b, byte[] value, int valueOff, int valueLen) {
        byte[] t = table;
        int at = used;
        nextNode(data, at, head(t, b));
        int p = Varint.write(data, at + 4, valueLen);
        System.arraycopy(value, valueOff, data, p, valueLen);
        used = p + valueLen;
        nodeBytes += used - at;
        head(t, b, at);
        count(t, b, count(t, b) + 1);
    }

    /** Combines slot {@code b}'s values (and {@code extra}, if not null); the output becomes its values. */
    private void combineEntry(int b, byte[] extra, int extraOff, int extraLen) {
        byte[] t = table;
        int count = count(t, b) + (extra == null ? 0 : 1);
        entryValues.start(b, extra, extraOff, extraLen);
        CombineSlot.clearValues(t, b);
        entrySink.start(b);
        try {
            combining.combine(keyBufferAt(b), keyOffsetAt(b), keyLengthAt(b), entryValues, entrySink);
        } catch (IOException e) {
            throw new CombineFailure(e);
        }
        if (2 * count(t, b) >= count) eager = false; // the combiner hardly combines: stop trying
    }

    /** Replaces the run of slot {@code b}'s last inline value (it and its repeats) by the run's combined value, when that fits. */
    private void foldRepeats(int b) {
        byte[] t = table;
        int repeats = repeats(t, b);
        int last = lastInline(t, b);
        int at = b + INLINE + last;
        byte[] folded;
        try {
            folded = folding.fold(keyBufferAt(b), keyOffsetAt(b), keyLengthAt(b), t, at + 1, t[at], repeats + 1L);
        } catch (IOException e) {
            throw new CombineFailure(e);
        }
        if (folded == null || last + 1 + folded.length > INLINE_CAP) return; // replayed at the spill, as before
        t[at] = (byte) folded.length;
        System.arraycopy(folded, 0, t, at + 1, folded.length);
        inlineUsed(t, b, last + 1 + folded.length);
        repeats(t, b, 0);
        count(t, b, count(t, b) - repeats);
    }

    private byte[] keyBufferAt(int b) {
        return keyLengthAt(b) <= SHORT_KEY ? table : data;
    }

    private int keyOffsetAt(int b) {
        return keyLengthAt(b) <= SHORT_KEY ? b : CombineSlot.keyOffset(table, b);
    }

    private int keyLengthAt(int b) {
        return CombineSlot.keyLength(table, b);
    }

    private boolean ensureData(long end, boolean force) {
        if (end <= data.length) return true;
        long room = force ? Integer.MAX_VALUE - 16 : budget - table.length - 8L * slots;
        int len = Capacity.grow(data.length, end, room, 1);
        if (len < 0) return false;
        data = Arrays.copyOf(data, len);
        return true;
    }

    private void rehash(int newSlots) {
        byte[] old = table;
        byte[] t = new byte[at(newSlots)];
        int mask = newSlots - 1;
        for (int b = at(0); b < old.length; b += SIZE) {
            if (free(old, b)) continue;
            int slot = CombineSlot.hash(CombineSlot.tag(old, b)) & mask;
            while (!free(t, at(slot))) slot = (slot + 1) & mask;
            System.arraycopy(old, b, t, at(slot), SIZE);
        }
        table = t;
        slots = newSlots;
    }

    @Override
    public boolean isEmpty() {
        return entryCount == 0;
    }

    /** Values added per distinct key since the last clear (combined or not). */
    public double valuesPerKey() {
        return entryCount == 0 ? 0 : (double) valuesSinceClear / entryCount;
    }

    /**
     * True when combining now is likely to free much of the buffer: out-of-line values take at
     * least a quarter of the threshold, what is left afterwards should take at most half of it,
     * and the temporary copy of the combined records at most a quarter.
     */
    public boolean worthCollapsing() {
        if (entryCount == 0 || nodeBytes < threshold / 4) return false;
        long valueLen = valueBytes / Math.max(1, valuesAdded);
        long scratch = keyBytes + entryCount * (3L + valueLen);
        long after = usedBytes(table.length, entryCount) - nodeBytes + entryCount * (5L + valueLen);
        return scratch <= threshold / 4 && after <= threshold / 2;
    }

    /**
     * Combines each key's values into {@code scratch} as {@code [varint partition][varint keyLen]
     * [varint valueLen][key][value]} records (a key with one value is copied), then clears this
     * buffer. The caller adds the records back.
     */
    public void collapseInto(Combining c, ByteBuilder scratch) throws IOException {
        byte[] t = table;
        for (int b = at(0); b < t.length; b += SIZE) {
            if (free(t, b)) continue;
            collapseSink.start(scratch, CombineSlot.partition(t, b));
            entryValues.start(b, null, 0, 0);
            if (count(t, b) == 1) {
                entryValues.next();
                collapseSink.write(keyBufferAt(b), keyOffsetAt(b), keyLengthAt(b),
                        entryValues.buffer(), entryValues.offset(), entryValues.length());
            } else {
                c.combine(keyBufferAt(b), keyOffsetAt(b), keyLengthAt(b), entryValues, collapseSink);
            }
        }
        clear();
    }

    /**
     * Folds long runs of repeats, compacts the entries to the front of the table (it stops being
     * a hash table) and sorts an index of them.
     */
    @Override
    public void sort() {
        byte[] t = table;
        int n = 0;
        for (int b = at(0); b < t.length; b += SIZE) {
            if (free(t, b)) continue;
            if (folding != null && repeats(t, b) >= FOLD_REPEATS) foldRepeats(b);
            if (b != at(n)) System.arraycopy(t, b, t, at(n), SIZE);
            n++;
        }
        if (index.length < 2 * n) index = new long[2 * n];
        for (int e = 0; e < n; e++) {
            int b = at(e);
            index[2 * e] = bytewise ? CombineSlot.key0(t, b) : 0;
            index[2 * e + 1] = IndexSorter.entry(CombineSlot.partition(t, b), keyLengthAt(b), e);
        }
        sorter.sort(index, n);
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
        valuesSinceClear = 0;
        nodeBytes = 0;
        keyBytes = 0;
        if (table != null) Arrays.fill(table, (byte) 0);
        Arrays.fill(partitionCounts, 0);
    }

    @Override
    public void release() {
        clear();
        data = null;
        table = null;
        index = null;
    }

    private final class Sorter extends IndexSorter {

        Sorter(boolean bytewise) {
            super(bytewise);
        }

        @Override
        protected int compareKeys(int a, int b) {
            int ba = at(a);
            int bb = at(b);
            return comparator.compare(keyBufferAt(ba), keyOffsetAt(ba), keyLengthAt(ba),
                    keyBufferAt(bb), keyOffsetAt(bb), keyLengthAt(bb));
        }

        @Override
        protected long keyChunk(int ref, int from) {
            int b = at(ref);
            return KeyPrefix.of(keyBufferAt(b), keyOffsetAt(b) + from, keyLengthAt(b) - from);
        }
    }

    /**
     * One entry's values: its inline ones (from a copy, since a combine writes its output back
     * into the same slot), then its chain, then an extra value not yet stored.
     */
    private final class EntryValues implements RawValues {

        private int inlineEnd;
        private int inlinePos;
        private int last;
        private int repeats;
        private int repeatsLeft;
        private int node;
        private byte[] extra;
        private int extraOff;
        private int extraLen;
        private byte[] buf;
        private int off;
        private int len;

        void start(int b, byte[] extra, int extraOff, int extraLen) {
            inlineEnd = inlineUsed(table, b);
            System.arraycopy(table, b + INLINE, inlineCopy, 0, inlineEnd);
            inlinePos = 0;
            last = lastInline(table, b);
            repeats = repeats(table, b);
            repeatsLeft = 0;
            node = head(table, b);
            this.extra = extra;
            this.extraOff = extraOff;
            this.extraLen = extraLen;
        }

        @Override
        public boolean next() {
            if (repeatsLeft > 0) {
                repeatsLeft--; // the last inline value again
                return true;
            }
            if (inlinePos < inlineEnd) {
                if (inlinePos == last) repeatsLeft = repeats;
                long v = Varint.read(inlineCopy, inlinePos, inlineEnd);
                buf = inlineCopy;
                off = inlinePos + (int) (v >>> 32);
                len = (int) v;
                inlinePos = off + len;
                return true;
            }
            if (node >= 0) {
                byte[] d = data;
                long v = Varint.read(d, node + 4, d.length);
                buf = d;
                off = node + 4 + (int) (v >>> 32);
                len = (int) v;
                node = nextNode(d, node);
                return true;
            }
            if (extra != null) {
                buf = extra;
                off = extraOff;
                len = extraLen;
                extra = null;
                return true;
            }
            return false;
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

    /** Stores an eager combine's output as its entry's values: inline while there is room, then in {@code data}. */
    private final class EntrySink implements RecordSink {

        private int slot;

        void start(int slot) {
            this.slot = slot;
        }

        @Override
        public void write(byte[] k, int kOff, int kLen, byte[] v, int vOff, int vLen) {
            if (!repeatLast(slot, v, vOff, vLen) && !appendInline(slot, v, vOff, vLen)) {
                ensureData(used + 4L + Varint.size(vLen) + vLen, true);
                prepend(slot, v, vOff, vLen);
            }
        }
    }

    /** The sorted entries [from, to) of one partition's index range, each key once per value. */
    private final class Reader implements MergedRecords {

        private int next;
        private final int end;
        private int inlineEnd = -1;
        private int inlinePos;
        private int last;
        private int repeats;
        private int repeatsLeft;
        private boolean sameKey;
        private int node = -1;
        private byte[] keyBuf;
        private int keyOff;
        private int keyLen;
        private byte[] valueBuf;
        private int valueOff;
        private int valueLen;

        Reader(int from, int to) {
            this.next = from;
            this.end = to;
        }

        @Override
        public boolean next() {
            byte[] t = table;
            if (repeatsLeft > 0) {
                repeatsLeft--; // the last inline value again
                sameKey = true;
                return true;
            }
            sameKey = inlineEnd >= 0;
            while (true) {
                if (inlinePos < inlineEnd) {
                    if (inlinePos == last) repeatsLeft = repeats;
                    long v = Varint.read(t, inlinePos, inlineEnd);
                    valueBuf = t;
                    valueOff = inlinePos + (int) (v >>> 32);
                    valueLen = (int) v;
                    inlinePos = valueOff + valueLen;
                    return true;
                }
                if (node >= 0) {
                    byte[] d = data;
                    long v = Varint.read(d, node + 4, d.length);
                    valueBuf = d;
                    valueOff = node + 4 + (int) (v >>> 32);
                    valueLen = (int) v;
                    node = nextNode(d, node);
                    return true;
                }
                if (next >= end) return false;
                int b = at(IndexSorter.ref(index[2 * next + 1]));
                next++;
                sameKey = false;
                keyBuf = keyBufferAt(b);
                keyOff = keyOffsetAt(b);
                keyLen = keyLengthAt(b);
                inlinePos = b + INLINE;
                inlineEnd = inlinePos + inlineUsed(t, b);
                last = inlinePos + lastInline(t, b);
                repeats = repeats(t, b);
                node = head(t, b);
            }
        }

        @Override
        public byte[] keyBuffer() {
            return keyBuf;
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
            return valueBuf;
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
        public boolean sameKeyAsPrevious() {
            return sameKey;
        }

        @Override
        public void close() {}
    }
}
