package dev.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Job;
import dev.mr.api.TaskCounter;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TeraGen must write Hadoop's rows (checked against an independent BigInteger evaluation of
 * the generator), TeraSort must output exactly the input records in key order, and
 * TeraValidate must accept that output with the input's checksum and flag unsorted input.
 */
class TeraJobsTest {

    private static final int ROWS = 12_345;
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger A = new BigInteger("2360ed051fc65da44385df649fccf645", 16);
    private static final BigInteger C = new BigInteger("4a696d47726179524950202020202001", 16);

    @TempDir
    Path dir;

    /** Row r from first principles: the (r+1)-th generator value, laid out as gensort does. */
    private static byte[] expectedRow(long r, BigInteger x) {
        byte[] rand = new byte[16];
        byte[] raw = x.toByteArray();
        for (int i = 0; i < Math.min(16, raw.length); i++) rand[15 - i] = raw[raw.length - 1 - i];
        String randHex = String.format("%032X", x);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(rand, 0, 10);
        out.write(0x00);
        out.write(0x11);
        out.writeBytes(String.format("%032X", r).getBytes());
        out.writeBytes(new byte[] {(byte) 0x88, (byte) 0x99, (byte) 0xAA, (byte) 0xBB});
        for (int i = 0; i < 12; i++) for (int k = 0; k < 4; k++) out.write(randHex.charAt(20 + i));
        out.writeBytes(new byte[] {(byte) 0xCC, (byte) 0xDD, (byte) 0xEE, (byte) 0xFF});
        return out.toByteArray();
    }

    private static byte[] concat(List<Path> files) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path p : files) all.writeBytes(Files.readAllBytes(p));
        return all.toByteArray();
    }

    private static BigInteger checksum(byte[] data) {
        BigInteger sum = BigInteger.ZERO;
        CRC32 crc = new CRC32();
        for (int off = 0; off < data.length; off += 100) {
            crc.reset();
            crc.update(data, off, 100);
            sum = sum.add(BigInteger.valueOf(crc.getValue()));
        }
        return sum;
    }

    @Test
    void teraGenSortValidate() throws Exception {
        Path gen = dir.resolve("gen");
        Job teragen = TeraGen.job(LocalJobs.opts("-D", "teragen.maps=3", Integer.toString(ROWS), gen.toString()));
        assertTrue(teragen.waitForCompletion(false));
        assertEquals(List.of("part-m-00000", "part-m-00001", "part-m-00002"),
                LocalJobs.parts(gen).stream().map(p -> p.getFileName().toString()).toList());
        byte[] input = concat(LocalJobs.parts(gen));
        assertEquals(ROWS * 100L, input.length);
        BigInteger x = BigInteger.ZERO;
        for (int r = 0; r < ROWS; r++) {
            x = A.multiply(x).add(C).mod(MOD);
            if (r < 50 || r % 1000 == 0 || r == ROWS - 1) {
                assertArrayEquals(expectedRow(r, x), Arrays.copyOfRange(input, r * 100, r * 100 + 100), "row " + r);
            }
        }
        assertEquals(ROWS, teragen.counters().get(TaskCounter.OUTPUT_RECORDS));

        Path sorted = dir.resolve("sorted");
        Job terasort = TeraSort.job(LocalJobs.opts("-D", "mr.reducers=3", "-D", "terasort.sample.size=1000", gen.toString(), sorted.toString()));
        assertTrue(terasort.waitForCompletion(false));
        List<byte[]> records = new ArrayList<>();
        for (int off = 0; off < input.length; off += 100) records.add(Arrays.copyOfRange(input, off, off + 100));
        records.sort((a, b) -> Arrays.compareUnsigned(a, 0, 10, b, 0, 10));
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        records.forEach(want::writeBytes);
        assertEquals(3, LocalJobs.parts(sorted).size());
        assertArrayEquals(want.toByteArray(), concat(LocalJobs.parts(sorted)));
        for (Path part : LocalJobs.parts(sorted)) assertTrue(Files.size(part) > 0, part + " got a share of the keys");

        Path report = dir.resolve("report");
        assertTrue(TeraValidate.run(LocalJobs.opts(sorted.toString(), report.toString())));
        assertEquals(List.of("checksum\t" + checksum(input).toString(16)), LocalJobs.lines(report));

        Path unsortedReport = dir.resolve("report2");
        assertTrue(TeraValidate.run(LocalJobs.opts(gen.toString(), unsortedReport.toString())));
        List<String> lines = LocalJobs.lines(unsortedReport);
        assertEquals("checksum\t" + checksum(input).toString(16), lines.get(0));
        assertTrue(lines.size() > 1 && lines.get(1).startsWith("error\tmisorder in part-m-00000 between "), lines.get(1));
    }
}
