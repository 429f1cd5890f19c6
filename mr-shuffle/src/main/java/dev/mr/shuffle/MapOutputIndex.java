package dev.mr.shuffle;

import dev.mr.shuffle.io.SegmentTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * Where each partition's segment lies in a map output data file, how it is stored, and how to check it.
 *
 * <p><b>Data file</b>: the segments of partitions 0..n-1 back to back, nothing else. A segment's
 * records are {@code [varint keyLen][varint valueLen][key bytes][value bytes]} (unsigned LEB128
 * varints), sorted by key with the job's sort comparator, with no end marker: its length comes
 * from this index. With codec {@code none} the segment is those records as they are; with
 * {@code lz4} or {@code zstd} it is the same bytes cut into blocks of at most 128 KiB, each stored
 * as {@code int rawLength, int storedLength} (big-endian) and the block compressed (or as it was,
 * when {@code storedLength == rawLength}). An empty partition is an empty segment.
 *
 * <p><b>Index file</b> (big-endian): {@code int magic 0x4D52_4958 ("MRIX")}, {@code int version 2},
 * {@code int partitions}, {@code int codec} (0 none, 1 lz4, 2 zstd); then per partition
 * {@code long offset, long length, long rawLength, long records, int crc32c} (length and CRC32C
 * of the bytes as stored, rawLength of the records uncompressed); then {@code int crc32c} of
 * everything before it. Version 1 (no codec, no rawLength) is read as codec none. {@link #read}
 * checks the size, magic, version, that segments are back to back, and the trailing checksum,
 * and names the file in its error.
 *
 * <p>Immutable.
 */
public final class MapOutputIndex {

    static final int MAGIC = 0x4D524958;
    static final int VERSION = 2;
    private static final int HEADER_V1 = 12;
    private static final int ENTRY_V1 = 28;
    private static final int HEADER = 16;
    private static final int ENTRY = 36;

    private final ShuffleCodec codec;
    private final long[] offsets;
    private final long[] lengths;
    private final long[] rawLengths;
    private final long[] records;
    private final int[] crcs;

    private MapOutputIndex(ShuffleCodec codec, long[] offsets, long[] lengths, long[] rawLengths, long[] records, int[] crcs) {
        this.codec = codec;
        this.offsets = offsets;
        this.lengths = lengths;
        this.rawLengths = rawLengths;
        this.records = records;
        this.crcs = crcs;
    }

    /** An index of uncompressed segments written back to back from offset 0; the arrays are copied. */
    public static MapOutputIndex of(long[] lengths, long[] records, int[] crcs) {
        return of(ShuffleCodec.NONE, lengths, lengths, records, crcs);
    }

    /** An index of segments stored with {@code codec}, written back to back from offset 0; the arrays are copied. */
    public static MapOutputIndex of(ShuffleCodec codec, long[] lengths, long[] rawLengths, long[] records, int[] crcs) {
        int n = lengths.length;
        if (rawLengths.length != n || records.length != n || crcs.length != n) throw new IllegalArgumentException("arrays differ in length");
        for (int p = 0; p < n; p++) {
            if (lengths[p] < 0 || rawLengths[p] < 0 || records[p] < 0) {
                throw new IllegalArgumentException("negative length or count at " + p);
            }
            if (!codec.compresses() && rawLengths[p] != lengths[p]) {
                throw new IllegalArgumentException("uncompressed segment " + p + " of " + lengths[p] + " bytes has " + rawLengths[p] + " raw");
            }
        }
        return new MapOutputIndex(codec, offsetsOf(lengths), lengths.clone(), rawLengths.clone(), records.clone(), crcs.clone());
    }

    static MapOutputIndex of(SegmentTable t) {
        int n = t.partitions();
        long[] lengths = new long[n];
        long[] rawLengths = new long[n];
        long[] records = new long[n];
        int[] crcs = new int[n];
        for (int p = 0; p < n; p++) {
            if (t.offset(p) != (p == 0 ? 0 : t.offset(p - 1) + t.length(p - 1))) {
                throw new IllegalStateException("segments are not back to back at partition " + p);
            }
            lengths[p] = t.length(p);
            rawLengths[p] = t.rawLength(p);
            records[p] = t.records(p);
            crcs[p] = t.crc(p);
        }
        return new MapOutputIndex(t.codec(), offsetsOf(lengths), lengths, rawLengths, records, crcs);
    }

    private static long[] offsetsOf(long[] lengths) {
        long[] offsets = new long[lengths.length];
        for (int p = 1; p < lengths.length; p++) offsets[p] = offsets[p - 1] + lengths[p - 1];
        return offsets;
    }

    public int partitions() {
        return offsets.length;
    }

    public long offset(int p) {
        return offsets[p];
    }

    /** How the segments are stored. */
    public ShuffleCodec codec() {
        return codec;
    }

    /** Bytes of segment {@code p} as stored (and served). */
    public long length(int p) {
        return lengths[p];
    }

    /** Bytes of segment {@code p}'s records uncompressed. */
    public long rawLength(int p) {
        return rawLengths[p];
    }

    public long records(int p) {
        return records[p];
    }

    public int crc32c(int p) {
        return crcs[p];
    }

    /** The data file's expected size: the sum of all segment lengths. */
    public long totalBytes() {
        return partitions() == 0 ? 0 : offsets[partitions() - 1] + lengths[partitions() - 1];
    }

    /** Bytes of all records uncompressed. */
    public long totalRawBytes() {
        long sum = 0;
        for (long r : rawLengths) sum += r;
        return sum;
    }

    public long totalRecords() {
        long sum = 0;
        for (long r : records) sum += r;
        return sum;
    }

    /** Partition {@code p} of {@code dataFile} as a segment. */
    public FileSegment segment(Path dataFile, int p) {
        return new FileSegment(dataFile, offsets[p], lengths[p], rawLengths[p], codec);
    }

    /** Writes the index to a temporary file next to {@code indexFile} and renames it into place. */
    public void write(Path indexFile) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER + ENTRY * partitions() + 4);
        b.putInt(MAGIC).putInt(VERSION).putInt(partitions()).putInt(codec.id());
        for (int p = 0; p < partitions(); p++) {
            b.putLong(offsets[p]).putLong(lengths[p]).putLong(rawLengths[p]).putLong(records[p]).putInt(crcs[p]);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Path tmp = indexFile.resolveSibling(indexFile.getFileName() + ".tmp");
        Files.write(tmp, b.array());
        Files.move(tmp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads and checks an index file; a damaged one is an {@link IOException} naming it. */
    public static MapOutputIndex read(Path indexFile) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(indexFile);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(indexFile.toString(), null, "map output index does not exist");
        }
        if (bytes.length < HEADER_V1 + 4) throw corrupt(indexFile, "only " + bytes.length + " bytes long");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = b.getInt(bytes.length - 4);
        if ((int) crc.getValue() != stored) {
            throw corrupt(indexFile, String.format("checksum mismatch (stored %08x, computed %08x)", stored,
                    (int) crc.getValue()));
        }
        if (b.getInt() != MAGIC) throw corrupt(indexFile, "not a map output index (bad magic)");
        int version = b.getInt();
        if (version != 1 && version != VERSION) throw corrupt(indexFile, "unsupported version " + version);
        boolean v1 = version == 1;
        int n = b.getInt();
        ShuffleCodec codec = ShuffleCodec.NONE;
        if (!v1) {
            if (bytes.length < HEADER + 4) throw corrupt(indexFile, "only " + bytes.length + " bytes long");
            int id = b.getInt();
            try {
                codec = ShuffleCodec.byId(id);
            } catch (IllegalArgumentException e) {
                throw corrupt(indexFile, e.getMessage());
            }
        }
        if (n < 0 || (long) (v1 ? HEADER_V1 : HEADER) + (long) (v1 ? ENTRY_V1 : ENTRY) * n + 4 != bytes.length) {
            throw corrupt(indexFile, n + " partitions do not match its size of " + bytes.length + " bytes");
        }
        long[] offsets = new long[n];
        long[] lengths = new long[n];
        long[] rawLengths = new long[n];
        long[] records = new long[n];
        int[] crcs = new int[n];
        long expected = 0;
        for (int p = 0; p < n; p++) {
            offsets[p] = b.getLong();
            lengths[p] = b.getLong();
            rawLengths[p] = v1 ? lengths[p] : b.getLong();
            records[p] = b.getLong();
            crcs[p] = b.getInt();
            if (offsets[p] != expected || lengths[p] < 0 || records[p] < 0 || rawLengths[p] < 0
                    || (!codec.compresses() && rawLengths[p] != lengths[p])) {
                throw corrupt(indexFile, "partition " + p + " has offset " + offsets[p] + ", length " + lengths[p]
                        + ", raw length " + rawLengths[p] + ", records " + records[p] + "; expected offset " + expected);
            }
            expected += lengths[p];
        }
        return new MapOutputIndex(codec, offsets, lengths, rawLengths, records, crcs);
    }

    private static IOException corrupt(Path file, String what) {
        return new IOException("corrupt map output index " + file + ": " + what);
    }

    @Override
    public String toString() {
        return "MapOutputIndex[" + partitions() + " partitions, " + codec.label() + ", " + totalBytes() + " bytes ("
                + totalRawBytes() + " raw), " + totalRecords() + " records]";
    }
}
