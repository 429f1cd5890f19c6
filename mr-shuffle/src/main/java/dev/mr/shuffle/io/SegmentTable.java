package dev.mr.shuffle.io;

import dev.mr.shuffle.ShuffleCodec;

/**
 * Where each partition's segment lies in a file written by {@link SegmentWriter}: offset and
 * length in bytes as stored, length of its records uncompressed, record count and (when the
 * writer computed it) the CRC32C of its stored bytes; and the codec they are stored with.
 * Filled in partition order by one writer thread, then read-only.
 */
public final class SegmentTable {

    private final ShuffleCodec codec;
    private final long[] offsets;
    private final long[] lengths;
    private final long[] rawLengths;
    private final long[] records;
    private final int[] crcs;

    public SegmentTable(int partitions, ShuffleCodec codec) {
        this.codec = codec;
        offsets = new long[partitions];
        lengths = new long[partitions];
        rawLengths = new long[partitions];
        records = new long[partitions];
        crcs = new int[partitions];
    }

    void set(int partition, long offset, long length, long rawLength, long recordCount, int crc) {
        offsets[partition] = offset;
        lengths[partition] = length;
        rawLengths[partition] = rawLength;
        records[partition] = recordCount;
        crcs[partition] = crc;
    }

    public ShuffleCodec codec() {
        return codec;
    }

    public int partitions() {
        return offsets.length;
    }

    public long offset(int p) {
        return offsets[p];
    }

    /** Bytes as stored. */
    public long length(int p) {
        return lengths[p];
    }

    /** Bytes of the records uncompressed. */
    public long rawLength(int p) {
        return rawLengths[p];
    }

    public long records(int p) {
        return records[p];
    }

    public int crc(int p) {
        return crcs[p];
    }

    public long totalBytes() {
        long sum = 0;
        for (long l : lengths) sum += l;
        return sum;
    }

    public long totalRecords() {
        long sum = 0;
        for (long r : records) sum += r;
        return sum;
    }
}
