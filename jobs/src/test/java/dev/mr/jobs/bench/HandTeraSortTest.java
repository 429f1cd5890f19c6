package dev.mr.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TeraSort ratio compares against this in-memory sort, so it must sort exactly as a
 * plain stable sort of the records by their unsigned 10-byte key does, including ties and
 * keys that share long prefixes; and TeraCheck, which the bench trusts to judge the
 * framework's output, must catch what a wrong sort would do.
 */
class HandTeraSortTest {
    private static final int R = TeraInputGen.RECORD;

    @TempDir
    Path dir;

    @Test
    void sortsGeneratedRecordsLikeAStableArraysSort() throws Exception {
        Path in = dir.resolve("in");
        TeraInputGen.write(30_000, in, 9, 2);
        // small in-memory arrays so that records span many of them
        assertSortsLikeNaive(in, 3, 8);
        assertSortsLikeNaive(in, 1, HandTeraSort.CHUNK_SHIFT);
    }

    @Test
    void keepsInputOrderAmongEqualAndNearlyEqualKeys() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] data = new byte[20_000 * R];
        for (int r = 0; r < 20_000; r++) {
            TeraInputGen.record(4, r, data, r * R);
            // keys drawn from a handful that differ only in late bytes, or are all 0xFF
            Arrays.fill(data, r * R, r * R + 10, (byte) 0xFF);
            data[r * R + 3 + rnd.nextInt(7)] = (byte) rnd.nextInt(3);
        }
        Path in = dir.resolve("skewed");
        Files.write(in, data);
        assertSortsLikeNaive(in, 2, 10);
    }

    @Test
    void sortsAnEmptyInputToAnEmptyOutput() throws Exception {
        Path in = dir.resolve("empty");
        Files.write(in, new byte[0]);
        assertSortsLikeNaive(in, 2, HandTeraSort.CHUNK_SHIFT);
    }

    @Test
    void teraCheckAcceptsASortAndCatchesDisorderAndChangedOrLostRecords() throws Exception {
        Path in = dir.resolve("in");
        TeraInputGen.write(5_000, in, 3, 2);
        TeraCheck input = new TeraCheck();
        input.scan(List.of(in));
        byte[] sorted = naiveSort(Files.readAllBytes(in));

        // a framework-style output directory: parts read in name order, _SUCCESS ignored
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.write(out.resolve("part-r-00000"), Arrays.copyOfRange(sorted, 0, 2_000 * R));
        Files.write(out.resolve("part-r-00001"), Arrays.copyOfRange(sorted, 2_000 * R, sorted.length));
        Files.write(out.resolve("_SUCCESS"), new byte[] {1});
        assertNull(check(out, input));

        byte[] swapped = sorted.clone();
        System.arraycopy(sorted, 10 * R, swapped, 11 * R, R);
        System.arraycopy(sorted, 11 * R, swapped, 10 * R, R);
        assertNotNull(check(write("swapped", swapped), input));

        byte[] changed = sorted.clone();
        changed[77 * R + 60]++;
        assertNotNull(check(write("changed", changed), input));

        assertNotNull(check(write("lost", Arrays.copyOf(sorted, sorted.length - R)), input));
    }

    private void assertSortsLikeNaive(Path in, int threads, int chunkShift) throws Exception {
        Path out = dir.resolve("out-" + threads + "-" + chunkShift);
        HandTeraSort.sort(in, out, threads, chunkShift);
        byte[] expected = naiveSort(Files.readAllBytes(in));
        assertEquals(expected.length, Files.size(out));
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    /** The independent oracle: a stable sort of 100-byte arrays by unsigned key. */
    static byte[] naiveSort(byte[] data) {
        List<byte[]> records = new ArrayList<>();
        for (int off = 0; off < data.length; off += R) records.add(Arrays.copyOfRange(data, off, off + R));
        records.sort((a, b) -> Arrays.compareUnsigned(a, 0, 10, b, 0, 10));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private Path write(String name, byte[] data) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, data);
        return f;
    }

    private static String check(Path out, TeraCheck input) throws Exception {
        TeraCheck c = new TeraCheck();
        c.scan(TeraCheck.files(out));
        return c.problem(input.records, input.checksum);
    }
}
