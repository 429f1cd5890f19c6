package dev.mr.jobs.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a sort's output against its input without sorting again: the output must be in
 * non-decreasing key order (10-byte keys, unsigned, across files in name order) and hold
 * the same multiset of records, which is checked by count and by a sum of 64-bit record
 * hashes (order-independent, so the input's can be computed once and cached).
 *
 * <p>Usage: {@code TeraCheck sum IN} prints {@code records=N checksum=HEX};
 * {@code TeraCheck verify OUT --records N --checksum HEX} exits 0 and prints {@code ok ...}
 * when OUT (a file, or a directory whose files not starting with {@code _} or {@code .}
 * are read in name order) is sorted and matches, else prints why and exits 1.
 */
public final class TeraCheck {
    static final String USAGE = "TeraCheck sum IN | TeraCheck verify OUT --records N --checksum HEX";
    private static final int RECORD = TeraInputGen.RECORD;
    private static final int KEY = TeraInputGen.KEY;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    long records;
    long checksum;
    long unsortedAt = -1; // index of the first record smaller than its predecessor
    private final byte[] previous = new byte[KEY];

    public static void main(String[] args) {
        BenchReport.run("TeraCheck", () -> {
            BenchArgs a = new BenchArgs(args, USAGE, "records", "checksum");
            String mode = a.positional(0, USAGE);
            TeraCheck check = new TeraCheck();
            check.scan(files(Path.of(a.positional(1, USAGE))));
            String summary = String.format("records=%d checksum=%016x", check.records, check.checksum);
            if (mode.equals("sum")) {
                System.out.println(summary);
            } else if (mode.equals("verify")) {
                String problem = check.problem(a.longOption("records", -1),
                        Long.parseUnsignedLong(a.option("checksum", USAGE), 16));
                if (problem != null) {
                    System.out.println("FAIL " + problem + " (" + summary + ")");
                    System.exit(1);
                }
                System.out.println("ok sorted " + summary);
            } else {
                throw new IllegalArgumentException("unknown mode " + mode + "\nusage: " + USAGE);
            }
        });
    }

    /** What is wrong with the scanned output given the input's figures, or null when nothing is. */
    String problem(long expectedRecords, long expectedChecksum) {
        if (unsortedAt >= 0) return "record " + unsortedAt + " has a smaller key than the record before it";
        if (records != expectedRecords) return "holds " + records + " records, the input " + expectedRecords;
        if (checksum != expectedChecksum) return String.format("record checksum %016x differs from the input's %016x", checksum, expectedChecksum);
        return null;
    }

    static List<Path> files(Path p) throws IOException {
        if (!Files.isDirectory(p)) return List.of(p);
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> !f.getFileName().toString().startsWith("_") && !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    void scan(List<Path> files) throws IOException {
        byte[] buf = new byte[40_000 * RECORD];
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f)) {
                long size = ch.size();
                if (size % RECORD != 0) throw new IOException(f + " is " + size + " bytes, not whole " + RECORD + "-byte records");
                for (long pos = 0; pos < size; pos += buf.length) {
                    int n = (int) Math.min(buf.length, size - pos);
                    ChannelIo.readFully(ch, buf, 0, n, pos);
                    for (int off = 0; off < n; off += RECORD) add(buf, off);
                }
            }
        }
    }

    private void add(byte[] b, int off) {
        if (records > 0 && unsortedAt < 0 && Arrays.compareUnsigned(b, off, off + KEY, previous, 0, KEY) < 0) {
            unsortedAt = records;
        }
        System.arraycopy(b, off, previous, 0, KEY);
        checksum += hash(b, off);
        records++;
    }

    /** A 64-bit hash of one 100-byte record. */
    static long hash(byte[] b, int off) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 96; i += 8) {
            h = Long.rotateLeft(h ^ ((long) LONG_LE.get(b, off + i) * 0x87C37B91114253D5L), 31) * 0x4CF5AD432745937FL;
        }
        long tail = (b[off + 96] & 0xFFL) | (b[off + 97] & 0xFFL) << 8 | (b[off + 98] & 0xFFL) << 16 | (b[off + 99] & 0xFFL) << 24;
        return TeraInputGen.mix(h ^ tail);
    }
}
