package dev.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Context;
import dev.mr.api.InputSampler;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.TotalOrderPartitioner;
import dev.mr.api.io.RecordFileInputFormat;
import dev.mr.api.io.RecordFileOutputFormat;
import dev.mr.api.io.TextOutputFormat;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user sorting lines relies on Sort printing exactly what {@code LC_ALL=C sort} prints for
 * the same bytes, however many reducers share the work; and on a total-order job over numbers
 * coming out globally sorted, negative numbers first. Both are checked against an independent
 * result: the system's sort, and Java's sort of the numbers.
 */
class SortJobsTest {

    @TempDir
    Path dir;

    /** {@code LC_ALL=C sort} of {@code input}, written to a file. */
    private Path systemSort(Path input) throws Exception {
        Path out = dir.resolve("sort-" + input.getFileName());
        ProcessBuilder pb = new ProcessBuilder("sort", input.toString()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("LC_ALL", "C");
        assertEquals(0, pb.start().waitFor(), "sort exits 0");
        return out;
    }

    private static Path concat(List<Path> parts, Path to) throws IOException {
        try (OutputStream out = Files.newOutputStream(to)) {
            for (Path p : parts) Files.copy(p, out);
        }
        return to;
    }

    private void assertSameBytes(Path want, Path got) throws IOException {
        long at = Files.mismatch(want, got);
        assertEquals(-1, at, "first difference at byte " + at + " (sort wrote " + Files.size(want) + " bytes, Sort " + Files.size(got) + ")");
    }

    /** Random lines: random lengths, a fifth repeated, some with {@code \r}, tabs, NUL, UTF-8 and bytes that are not UTF-8. */
    private static void writeLines(Path file, int lines, long seed) throws IOException {
        Random r = new Random(seed);
        List<byte[]> earlier = new ArrayList<>();
        byte[] alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_/".getBytes(StandardCharsets.US_ASCII);
        byte[][] special = {"\r".getBytes(), "\t".getBytes(), {0}, "é".getBytes(StandardCharsets.UTF_8), "日本".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xFF}, {(byte) 0x80, (byte) 0xC3}, " ".getBytes()};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = 0; i < lines; i++) {
                byte[] line;
                if (!earlier.isEmpty() && r.nextInt(5) == 0) {
                    line = earlier.get(r.nextInt(earlier.size()));
                } else {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    int len = r.nextInt(10) == 0 ? 0 : r.nextInt(r.nextInt(8) == 0 ? 200 : 30);
                    for (int k = 0; k < len; k++) {
                        if (r.nextInt(40) == 0) b.writeBytes(special[r.nextInt(special.length)]);
                        else b.write(alphabet[r.nextInt(alphabet.length)]);
                    }
                    line = b.toByteArray();
                    if (earlier.size() < 10_000) earlier.add(line);
                }
                out.write(line);
                if (i < lines - 1) out.write('\n'); // the last line has no newline
            }
        }
    }

    @Test
    void sortingAMillionRandomLinesWithFourReducersEqualsTheSystemSort() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        writeLines(in.resolve("lines.txt"), 1_000_000, 16);
        Path out = dir.resolve("out");
        assertTrue(Sort.run(LocalJobs.opts("-D", "mr.reducers=4", "-D", "mr.input.split.size=4000000", "-D", "mr.sort.buffer.mb=8",
                in.toString(), out.toString())));
        List<Path> parts = LocalJobs.parts(out);
        assertEquals(4, parts.size());
        for (Path p : parts) assertTrue(Files.size(p) > 0, p + " got a share of the lines");
        assertSameBytes(systemSort(in.resolve("lines.txt")), concat(parts, dir.resolve("all")));
    }

    @Test
    void sortKeepsEveryByteOfAwkwardLinesAcrossTinySplits() throws Exception {
        // \r\n and a lone \r, empty lines, duplicates, bytes that are not UTF-8, a last line without newline; 7-byte splits end everywhere
        byte[] text = "b\r\n\nA\r\na\n\n\u00e9t\u00e9\nb\r\n\ra\nz\tz\nb\nb\r\r\n\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] withInvalid = new byte[text.length + 4];
        System.arraycopy(text, 0, withInvalid, 0, text.length);
        withInvalid[text.length] = (byte) 0xC3;
        withInvalid[text.length + 1] = '\n';
        withInvalid[text.length + 2] = 'a';
        withInvalid[text.length + 3] = '\r';
        Path in = Files.createDirectories(dir.resolve("awkward"));
        Files.write(in.resolve("x.txt"), withInvalid);
        Path out = dir.resolve("awkward-out");
        assertTrue(Sort.run(LocalJobs.opts("-D", "mr.reducers=3", "-D", "mr.input.split.size=7", "-D", "mr.input.pack.size=0",
                in.toString(), out.toString())));
        assertSameBytes(systemSort(in.resolve("x.txt")), concat(LocalJobs.parts(out), dir.resolve("awkward-all")));
    }

    @Test
    void aGzippedInputSortsToGzippedOutputThatGzipReadsAsTheSystemSort() throws Exception {
        Path plain = dir.resolve("plain.txt");
        writeLines(plain, 50_000, 23);
        Path in = Files.createDirectories(dir.resolve("gz-in"));
        ProcessBuilder gzip = new ProcessBuilder("gzip", "-c", plain.toString()).redirectOutput(in.resolve("lines.txt.gz").toFile());
        assertEquals(0, gzip.start().waitFor(), "gzip exits 0");
        Path out = dir.resolve("gz-out");
        assertTrue(Sort.run(LocalJobs.opts("-D", "mr.reducers=3", "-D", "mr.output.compress=gzip", in.toString(), out.toString())));
        List<Path> parts = LocalJobs.parts(out);
        assertEquals(3, parts.size());
        for (Path p : parts) assertTrue(p.getFileName().toString().endsWith(".gz"), p + " is named for its codec");
        Path both = concat(parts, dir.resolve("gz-all.gz"));
        Path unzipped = dir.resolve("gz-all");
        assertEquals(0, new ProcessBuilder("gzip", "-dc", both.toString()).redirectOutput(unzipped.toFile()).start().waitFor(), "gzip -dc exits 0");
        assertSameBytes(systemSort(plain), unzipped);
    }

    @Test
    void aSkewedInputWithFewerDistinctLinesThanReducersStillSortsExactly() throws Exception {
        StringBuilder text = new StringBuilder();
        Random r = new Random(8);
        String[] popular = {"same", "other", ""};
        for (int i = 0; i < 50_000; i++) text.append(popular[r.nextInt(popular.length)]).append('\n');
        Path in = Files.createDirectories(dir.resolve("skewed"));
        Files.writeString(in.resolve("s.txt"), text);
        Path out = dir.resolve("skewed-out");
        assertTrue(Sort.run(LocalJobs.opts("-D", "mr.reducers=5", in.toString(), out.toString())));
        List<Path> parts = LocalJobs.parts(out);
        assertEquals(5, parts.size());
        int nonEmpty = 0;
        for (Path p : parts) if (Files.size(p) > 0) nonEmpty++;
        assertEquals(3, nonEmpty, "one reducer per distinct line, the others empty");
        assertSameBytes(systemSort(in.resolve("s.txt")), concat(parts, dir.resolve("skewed-all")));
    }

    @Test
    void cutPointsOfAnotherKeyTypeAreRefusedBeforeAnyTaskRuns() throws Exception {
        Path in = Files.createDirectories(dir.resolve("mismatch"));
        Files.writeString(in.resolve("m.txt"), "b\na\n");
        Path out = dir.resolve("mismatch-out");
        Job sort = Sort.job(LocalJobs.opts("-D", "mr.reducers=2", in.toString(), out.toString()));
        sort.set(ConfKeys.PARTITIONER_CUTS_KEY_CLASS, Long.class.getName()); // as if copied from a Long-keyed job
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> sort.waitForCompletion(false));
        assertEquals("the total-order cut points are keys of java.lang.Long (mr.partitioner.cuts.key.class) but the job's map output key is "
                + "dev.mr.api.Text: run InputSampler.writePartitionFile on this job once its mapper and types are set", e.getMessage());
        assertFalse(Files.exists(out), "nothing ran, nothing written");
    }

    @Test
    void sortingAnEmptyInputGivesEmptyOutput() throws Exception {
        Path in = Files.createDirectories(dir.resolve("empty"));
        Files.write(in.resolve("nothing.txt"), new byte[0]);
        Path out = dir.resolve("empty-out");
        assertTrue(Sort.run(LocalJobs.opts("-D", "mr.reducers=3", in.toString(), out.toString())));
        assertEquals(3, LocalJobs.parts(out).size());
        for (Path p : LocalJobs.parts(out)) assertEquals(0, Files.size(p));
    }

    /** Parses each line as a number: the key the total order is over, negative and positive. */
    public static final class ParseNumbers implements Mapper<Long, String, Long, String> {
        @Override
        public void map(Long offset, String line, Context<Long, String> context) throws IOException {
            context.write(Long.parseLong(line), line);
        }
    }

    @Test
    void aLongKeyedTotalOrderJobIsGloballySortedWithEveryReducerGettingKeys() throws Exception {
        Random r = new Random(42);
        List<Long> numbers = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            long v = switch (r.nextInt(4)) {
                case 0 -> r.nextLong();
                case 1 -> -r.nextInt(1000);
                case 2 -> r.nextInt(1000);
                default -> r.nextInt(3) - 1; // -1, 0, 1: duplicates around zero, where a signed byte order would break
            };
            numbers.add(v);
            text.append(v).append('\n');
        }
        Path in = Files.createDirectories(dir.resolve("numbers"));
        Files.writeString(in.resolve("n.txt"), text);

        // first the numbers as typed keys (Hadoop's way: the sampler reads the input's keys), then the total-order job over them
        Path keyed = dir.resolve("keyed");
        Job parse = Job.create(LocalJobs.opts().conf()).mapper(ParseNumbers.class).reducers(0)
                .outputFormat(RecordFileOutputFormat.class).input(in.toString()).output(keyed.toString());
        assertTrue(parse.waitForCompletion(false));

        Path out = dir.resolve("sorted-numbers");
        Job job = Job.create(LocalJobs.opts().conf()).inputFormat(RecordFileInputFormat.class).mapOutput(Long.class, String.class)
                .reducers(4).partitioner(TotalOrderPartitioner.class).outputFormat(TextOutputFormat.class)
                .input(keyed.toString()).output(out.toString());
        InputSampler.writePartitionFile(job, new InputSampler.IntervalSampler(0.05, 5));
        assertEquals(Long.class.getName(), job.conf().get(ConfKeys.PARTITIONER_CUTS_KEY_CLASS));
        assertTrue(job.waitForCompletion(false));

        List<Long> got = new ArrayList<>();
        for (Path part : LocalJobs.parts(out)) {
            List<String> lines = Files.readAllLines(part);
            assertTrue(!lines.isEmpty(), part + " got a share of the keys");
            for (String line : lines) {
                String[] kv = line.split("\t");
                assertEquals(kv[0], kv[1], "key and the line it came from");
                got.add(Long.parseLong(kv[0]));
            }
        }
        List<Long> want = new ArrayList<>(numbers);
        want.sort(null);
        assertEquals(want, got);
    }
}
