package dev.mr.shuffle;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.shuffle.io.SegmentWriter;
import dev.mr.shuffle.io.Varint;
import dev.mr.shuffle.merge.Combining;
import dev.mr.shuffle.merge.Run;
import dev.mr.shuffle.merge.RunMerger;
import dev.mr.shuffle.sort.CollectBuffer;
import dev.mr.shuffle.sort.CombineFailure;
import dev.mr.shuffle.sort.HashCombineBuffer;
import dev.mr.shuffle.sort.SortBuffer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one map attempt's output and turns it into one data file plus one index
 * ({@link MapOutputIndex} describes both). Records are copied into a memory buffer of
 * {@code sortBufferBytes}; when it reaches {@code spillPercent} it is sorted by
 * (partition, key) and spilled to a run file in {@code tmpDir}, and {@link #finish} merges the
 * runs with what is still in memory, {@code sortFactor} at a time. Runs and the output are stored
 * with the settings' {@link ShuffleCodec}.
 *
 * <p>Without a combiner the buffer is a {@link SortBuffer}: serialized records plus a
 * primitive sort index. With one, by default, it is a {@link HashCombineBuffer}: records are
 * grouped by key as they arrive and combined in memory, and a spill happens only when distinct
 * keys fill it; if they fill it the first time holding few values each, the task goes on with a
 * {@link SortBuffer} ({@link CombineStrategy} says why). The combiner also runs on each spill and
 * on merges of several runs; it must keep the key it is given.
 *
 * <p>A record that cannot fit even in an empty buffer is written as a run of its own, so any
 * record that fits in memory at all can be collected. Nothing is allocated per record.
 *
 * <p>Confined to the map task's thread. {@link #close} deletes the run files, whether or not
 * {@link #finish} ran or succeeded; the output files are the caller's.
 */
public final class MapOutputCollector implements Closeable {

    private final ShuffleSettings settings;
    private final Combining combining;
    private final CombineStrategy strategy;
    private CollectBuffer buffer;
    private final PendingRecords pending = new PendingRecords();
    private boolean filledOnce;
    private final RunMerger merger;
    private final List<Run> runs = new ArrayList<>();
    private long spilledRecords;
    private int spills;
    private boolean finished;
    private boolean closed;

    public MapOutputCollector(ShuffleSettings settings, CombineFunction combinerOrNull) {
        this(settings, combinerOrNull, CombineStrategy.ADAPTIVE);
    }

    /** How a combiner is applied; see {@link CombineStrategy}. */
    public MapOutputCollector(ShuffleSettings settings, CombineFunction combinerOrNull, CombineStrategy strategy) {
        this.settings = settings;
        this.strategy = strategy;
        this.combining = combinerOrNull == null ? null
                : new Combining(combinerOrNull, settings.comparator(), settings.bytewise());
        this.buffer = combinerOrNull == null || strategy == CombineStrategy.SORT
                ? sortBuffer()
                : new HashCombineBuffer(settings.partitions(), settings.sortBufferBytes(), settings.spillThresholdBytes(),
                        settings.comparator(), settings.bytewise(), combining);
        this.merger = new RunMerger(settings, combining);
    }

    private SortBuffer sortBuffer() {
        return new SortBuffer(settings.partitions(), settings.sortBufferBytes(), settings.spillThresholdBytes(),
                settings.comparator(), settings.bytewise());
    }

    public void collect(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen)
            throws IOException {
        if (finished || closed) throw new IllegalStateException("map output already " + (closed ? "closed" : "finished"));
        if (partition < 0 || partition >= settings.partitions()) {
            throw new IllegalArgumentException("partition " + partition + " is outside [0, " + settings.partitions() + ")");
        }
        try {
            if (buffer instanceof HashCombineBuffer && PendingRecords.holds(keyLen, valueLen)) {
                if (!pending.hasRoom(keyLen, valueLen)) addPending();
                if (pending.add(partition, key, keyOff, keyLen, value, valueOff, valueLen)) addPending();
                return;
            }
            addPending();
            add(partition, key, keyOff, keyLen, value, valueOff, valueLen);
        } catch (CombineFailure e) {
            throw e.getCause();
        }
    }

    private void add(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen)
            throws IOException {
        if (!buffer.add(partition, key, keyOff, keyLen, value, valueOff, valueLen)) {
            makeRoomAndAdd(partition, key, keyOff, keyLen, value, valueOff, valueLen);
        }
    }

    /** Adds the held-back records, after hashing their keys and touching their table slots all at once (see {@link PendingRecords}). */
    private void addPending() throws IOException {
        PendingRecords p = pending;
        int n = p.count();
        if (n == 0) return;
        byte[] b = p.buffer();
        try {
            if (buffer instanceof HashCombineBuffer table) {
                for (int i = 0; i < n; i++) {
                    p.hash(i, HashCombineBuffer.hash(p.partition(i), b, p.keyOffset(i), p.keyLength(i)));
                }
                table.warm(p.hashes(), n);
            }
            for (int i = 0; i < n; i++) {
                int partition = p.partition(i);
                int keyOff = p.keyOffset(i);
                int keyLen = p.keyLength(i);
                int valueOff = p.valueOffset(i);
                int valueLen = p.valueLength(i);
                boolean added = buffer instanceof HashCombineBuffer table
                        ? table.add(p.hash(i), partition, b, keyOff, keyLen, b, valueOff, valueLen)
                        : buffer.add(partition, b, keyOff, keyLen, b, valueOff, valueLen);
                if (!added) makeRoomAndAdd(partition, b, keyOff, keyLen, b, valueOff, valueLen);
            }
        } finally {
            p.clear();
        }
    }

    private void makeRoomAndAdd(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff,
                                int valueLen) throws IOException {
        if (!buffer.isEmpty()) {
            if (buffer instanceof HashCombineBuffer hash) {
                boolean firstFill = !filledOnce;
                filledOnce = true;
                if (firstFill && strategy == CombineStrategy.ADAPTIVE
                        && hash.valuesPerKey() < CombineStrategy.ADAPTIVE_MIN_VALUES_PER_KEY) {
                    // keys rarely repeat: grouping them costs more than sorting does
                    spill();
                    buffer.release();
                    buffer = sortBuffer();
                    if (buffer.add(partition, key, keyOff, keyLen, value, valueOff, valueLen)) return;
                } else if (hash.worthCollapsing()) {
                    collapse(hash);
                    if (buffer.add(partition, key, keyOff, keyLen, value, valueOff, valueLen)) return;
                }
            }
            if (!buffer.isEmpty()) {
                spill();
                if (buffer.add(partition, key, keyOff, keyLen, value, valueOff, valueLen)) return;
            }
        }
        addRun(merger.spillOne(partition, key, keyOff, keyLen, value, valueOff, valueLen));
    }

    /** Combines every key's values, then adds the combined records back (spilling if even they do not fit). */
    private void collapse(HashCombineBuffer hash) throws IOException {
        ByteBuilder scratch = new ByteBuilder(1 << 16);
        hash.collapseInto(combining, scratch);
        byte[] b = scratch.array();
        int p = 0;
        int end = scratch.length();
        while (p < end) {
            long part = Varint.read(b, p, end);
            p += (int) (part >>> 32);
            long kl = Varint.read(b, p, end);
            p += (int) (kl >>> 32);
            long vl = Varint.read(b, p, end);
            p += (int) (vl >>> 32);
            int keyOff = p;
            int valueOff = p + (int) kl;
            p = valueOff + (int) vl;
            if (!buffer.add((int) part, b, keyOff, (int) kl, b, valueOff, (int) vl)) {
                makeRoomAndAdd((int) part, b, keyOff, (int) kl, b, valueOff, (int) vl);
            }
        }
    }

    private void spill() throws IOException {
        buffer.sort();
        addRun(merger.spill(buffer));
        buffer.clear();
    }

    private void addRun(Run run) {
        spills++;
        runs.add(run);
        spilledRecords += run.table().totalRecords();
    }

    /**
     * Sorts and writes what is left, merges it with the runs into {@code dataFile}, writes
     * {@code indexFile}, and returns the index. Call once.
     */
    public MapOutputIndex finish(Path dataFile, Path indexFile) throws IOException {
        if (finished || closed) throw new IllegalStateException("map output already " + (closed ? "closed" : "finished"));
        finished = true;
        try {
            addPending();
        } catch (CombineFailure e) {
            buffer.release();
            RunMerger.delete(runs);
            runs.clear();
            throw e.getCause();
        }
        try (SegmentWriter out = SegmentWriter.create(dataFile, settings.partitions(), 1 << 18, true, settings.codec())) {
            if (runs.isEmpty()) {
                buffer.sort();
                for (int p = 0; p < settings.partitions(); p++) {
                    out.beginSegment();
                    Combining.copy(combining, buffer.partition(p), out);
                    out.endSegment();
                }
            } else {
                CollectBuffer memory = null;
                if (!buffer.isEmpty()) {
                    buffer.sort();
                    memory = buffer;
                }
                List<Run> merged = merger.reduce(runs, settings.sortFactor() - (memory == null ? 0 : 1));
                runs.clear();
                runs.addAll(merged);
                merger.merge(runs, memory, out);
            }
            MapOutputIndex index = MapOutputIndex.of(out.finish());
            if (runs.isEmpty()) spilledRecords += index.totalRecords();
            index.write(indexFile);
            return index;
        } finally {
            buffer.release();
            RunMerger.delete(runs);
            runs.clear();
        }
    }

    /** Records written by sort-and-spill: to run files, or straight to the output when there were none. */
    public long spilledRecords() {
        return spilledRecords;
    }

    /** Runs written before {@link #finish}: spills of the buffer, and records too large for it. */
    public int spills() {
        return spills;
    }

    public long combineInputRecords() {
        return combining == null ? 0 : combining.inputRecords();
    }

    public long combineOutputRecords() {
        return combining == null ? 0 : combining.outputRecords();
    }

    /** Deletes the run files and drops the buffer. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        buffer.release();
        List<Run> left = new ArrayList<>(runs);
        runs.clear();
        RunMerger.delete(left);
    }
}
