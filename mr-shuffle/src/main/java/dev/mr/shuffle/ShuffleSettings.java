package dev.mr.shuffle;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.serde.RawComparator;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the shuffle of one task needs to know: the number of partitions (reduce tasks), the
 * map-side sort buffer and its spill threshold, the merge fan-in, the reduce-side memory
 * budget, the sort order of keys, and where temporary files go.
 *
 * <p>{@code sortBufferBytes} bounds the map side's record bytes <em>and</em> their index
 * together; {@code reduceMemoryBytes} bounds the in-memory map output segments a reducer holds.
 * Immutable.
 *
 * @param partitions        number of partitions, 1 to {@value #MAX_PARTITIONS}
 * @param sortBufferBytes   map-side collection memory (records + index), at least 64 bytes
 * @param spillPercent      fraction of the buffer that triggers a spill, in (0, 1]
 * @param sortFactor        most files (or segments) merged at once, at least 2
 * @param reduceMemoryBytes in-memory segments a reducer keeps before merging them to disk
 * @param comparator        the sort order of serialized keys
 * @param tmpDir            where spill and merge files are created
 * @param codec             how spills, the map output file and reduce-side merge runs are stored
 */
public record ShuffleSettings(int partitions, int sortBufferBytes, double spillPercent, int sortFactor,
                              long reduceMemoryBytes, RawComparator comparator, Path tmpDir, ShuffleCodec codec) {

    /** The partition number shares a 64-bit sort index entry with an offset and a key length. */
    public static final int MAX_PARTITIONS = 1 << 23;

    private static final long MIB = 1L << 20;

    public ShuffleSettings {
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(tmpDir, "tmpDir");
        Objects.requireNonNull(codec, "codec");
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions=" + partitions + " must be in [1, " + MAX_PARTITIONS + "]");
        }
        if (sortBufferBytes < 64) {
            throw new IllegalArgumentException("sort buffer of " + sortBufferBytes + " bytes is below 64 bytes ("
                    + ConfKeys.SORT_BUFFER_MB + ")");
        }
        if (!(spillPercent > 0 && spillPercent <= 1)) {
            throw new IllegalArgumentException(ConfKeys.SORT_SPILL_PERCENT + "=" + spillPercent + " must be in (0, 1]");
        }
        if (sortFactor < 2) {
            throw new IllegalArgumentException(ConfKeys.SORT_FACTOR + "=" + sortFactor + " must be at least 2");
        }
        if (reduceMemoryBytes < 1) {
            throw new IllegalArgumentException(ConfKeys.REDUCE_MEMORY_MB + " gives " + reduceMemoryBytes
                    + " bytes; it must be positive");
        }
    }

    /** Settings that store everything uncompressed. */
    public ShuffleSettings(int partitions, int sortBufferBytes, double spillPercent, int sortFactor,
                           long reduceMemoryBytes, RawComparator comparator, Path tmpDir) {
        this(partitions, sortBufferBytes, spillPercent, sortFactor, reduceMemoryBytes, comparator, tmpDir, ShuffleCodec.NONE);
    }

    /**
     * Reads {@code mr.sort.buffer.mb}, {@code mr.sort.spill.percent}, {@code mr.sort.factor} and
     * {@code mr.map.output.compress}.
     * The reduce memory is the floor of {@code mr.reduce.memory.mb}'s default: a reduce attempt
     * sets its own budget with {@link #withReduceMemoryBytes}, from the job's setting or its heap.
     */
    public static ShuffleSettings from(Configuration conf, int partitions, RawComparator comparator, Path tmpDir) {
        int bufferMb = conf.getInt(ConfKeys.SORT_BUFFER_MB, ConfKeys.SORT_BUFFER_MB_DEFAULT);
        if (bufferMb < 1 || bufferMb > 2047) {
            throw new IllegalArgumentException(ConfKeys.SORT_BUFFER_MB + "=" + bufferMb + " must be in [1, 2047]");
        }
        return new ShuffleSettings(partitions, (int) (bufferMb * MIB),
                conf.getDouble(ConfKeys.SORT_SPILL_PERCENT, ConfKeys.SORT_SPILL_PERCENT_DEFAULT),
                conf.getInt(ConfKeys.SORT_FACTOR, ConfKeys.SORT_FACTOR_DEFAULT),
                ConfKeys.REDUCE_MEMORY_MB_DEFAULT * MIB, comparator, tmpDir, ShuffleCodec.from(conf));
    }

    /** The same settings with another sort buffer size: tests use this to force many spills. */
    public ShuffleSettings withSortBufferBytes(int bytes) {
        return new ShuffleSettings(partitions, bytes, spillPercent, sortFactor, reduceMemoryBytes, comparator, tmpDir, codec);
    }

    public ShuffleSettings withSortFactor(int factor) {
        return new ShuffleSettings(partitions, sortBufferBytes, spillPercent, factor, reduceMemoryBytes, comparator, tmpDir, codec);
    }

    public ShuffleSettings withReduceMemoryBytes(long bytes) {
        return new ShuffleSettings(partitions, sortBufferBytes, spillPercent, sortFactor, bytes, comparator, tmpDir, codec);
    }

    public ShuffleSettings withCodec(ShuffleCodec c) {
        return new ShuffleSettings(partitions, sortBufferBytes, spillPercent, sortFactor, reduceMemoryBytes, comparator, tmpDir, c);
    }

    /** True when keys sort as unsigned bytes, so an 8-byte key prefix decides most comparisons. */
    public boolean bytewise() {
        return comparator instanceof dev.mr.api.serde.BytesComparator;
    }

    /** Bytes of the buffer at which a spill starts. */
    public long spillThresholdBytes() {
        return Math.max(1, (long) (sortBufferBytes * spillPercent));
    }
}
