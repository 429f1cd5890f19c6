package dev.mr.shuffle.io;

/**
 * Where each partition's segment lies in a file written by {@link SegmentWriter}: offset,
 * length in bytes, record count and (when the writer computed it) the CRC32C of its bytes.
 * Filled in partition order by one writer thread, then read-only.
 */
public final class SegmentTable {

    private final long[] offsets;
    private final long[] lengths;
    private final long[] records;
    private final int[] crcs;

    public SegmentTable(int partitions) {
        offsets = new long[partitions];
        lengths = new long[partitions];
        records = new long[partitions];
        crcs = new int[partitions];
    }

    void set(int partition, long offset, long length, long recordCount, int crc) {
        offsets[partition] = offset;
        lengths[partition] = length;
        records[partition] = recordCount;
        crcs[partition] = crc;
    }

    public int partitions() {
        return offsets.length;
    }

    public long offset(int p) {
        return offsets[p];
    }

    public long length(int p) {
        return lengths[p];
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
