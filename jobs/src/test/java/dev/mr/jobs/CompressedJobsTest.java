package dev.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import dev.mr.api.JobState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user coming from Hadoop expects of compressed data, through a real job on the local
 * runner: WordCount over a gzip, a bzip2, a zstd and an lz4 copy of a text, each made by the
 * system's own tool, counts exactly what it counts over the plain text; with
 * {@code mr.output.compress} its part files are {@code part-r-NNNNN.gz} (and so on) whose
 * concatenation the tool's {@code -dc} turns into the uncompressed run's output, byte for
 * byte; a truncated {@code .gz} fails the job naming the file; an unknown codec is refused
 * before anything runs.
 */
class CompressedJobsTest {

    @TempDir
    Path dir;

    private Path text;

    @BeforeEach
    void writeText() throws Exception {
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 40_000; line++) {
            for (int w = 0; w < 1 + r.nextInt(10); w++) sb.append(w == 0 ? "" : r.nextInt(9) == 0 ? "\t" : " ").append("w").append((int) Math.abs(r.nextGaussian() * 800));
            sb.append(r.nextInt(13) == 0 ? "\r\n" : "\n");
        }
        text = Files.writeString(Files.createDirectories(dir.resolve("plain")).resolve("words.txt"), sb.toString());
    }

    private static void run(Path in, Path out, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    /** The word count of {@code input} with 3 reducers and the given extra options; the output directory. */
    private Path wordCount(String input, String name, String... options) throws Exception {
        Path out = dir.resolve(name);
        String[] args = new String[options.length + 4];
        args[0] = "-D";
        args[1] = "mr.reducers=3";
        System.arraycopy(options, 0, args, 2, options.length);
        args[args.length - 2] = input;
        args[args.length - 1] = out.toString();
        assertTrue(WordCount.run(LocalJobs.opts(args)), "word count of " + input + " " + String.join(" ", options));
        return out;
    }

    private static byte[] concatenatedParts(Path out) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path p : LocalJobs.parts(out)) all.writeBytes(Files.readAllBytes(p));
        return all.toByteArray();
    }

    @Test
    void aCompressedCopyOfTheTextCountsAsThePlainText() throws Exception {
        List<String> want = LocalJobs.sortedLines(wordCount(text.toString(), "out-plain"));
        assertTrue(want.size() > 1000, "a real vocabulary: " + want.size());
        for (String[] tool : new String[][] {{"gzip", ".gz"}, {"bzip2", ".bz2"}, {"zstd", ".zst"}, {"lz4", ".lz4"}}) {
            Path in = Files.createDirectories(dir.resolve("in-" + tool[0]));
            run(text, in.resolve("words.txt" + tool[1]), tool[0], "-c", "-q");
            assertEquals(want, LocalJobs.sortedLines(wordCount(in.toString(), "out-" + tool[0])), tool[0]);
        }
    }

    @Test
    void compressedOutputIsReadBackByTheSystemTools() throws Exception {
        byte[] plainOutput = concatenatedParts(wordCount(text.toString(), "out-plain"));
        for (String[] codec : new String[][] {{"gzip", ".gz"}, {"bzip2", ".bz2"}, {"zstd", ".zst"}, {"lz4", ".lz4"}}) {
            Path out = wordCount(text.toString(), "out-" + codec[0], "-D", "mr.output.compress=" + codec[0]);
            List<String> names = LocalJobs.parts(out).stream().map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("part-r-00000" + codec[1], "part-r-00001" + codec[1], "part-r-00002" + codec[1]), names);
            assertTrue(Files.exists(out.resolve("_SUCCESS")));
            // the tools read concatenated members and frames as one stream, as `mr-dfs cat dfs:/out | gzip -dc` does
            Path all = Files.write(dir.resolve("all" + codec[1]), concatenatedParts(out));
            Path back = dir.resolve("back-" + codec[0]);
            run(all, back, codec[0], "-dc");
            assertArrayEquals(plainOutput, Files.readAllBytes(back), codec[0]);
        }
    }

    @Test
    void theNextJobOfAChainReadsCompressedOutput() throws Exception {
        Path zstOut = wordCount(text.toString(), "out-zst", "-D", "mr.output.compress=zstd");
        // the next job reads part-r-NNNNN.zst through its extension, as it reads the plain parts
        Path regrep = dir.resolve("grep");
        assertTrue(Grep.run(LocalJobs.opts(zstOut.toString(), regrep.toString(), "w1[0-9]")));
        Path direct = dir.resolve("grep-plain");
        assertTrue(Grep.run(LocalJobs.opts(wordCount(text.toString(), "out-plain").toString(), direct.toString(), "w1[0-9]")));
        assertEquals(LocalJobs.lines(direct), LocalJobs.lines(regrep));
    }

    @Test
    void aTruncatedGzipInputFailsTheJobNamingIt() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in-truncated"));
        Path gz = in.resolve("words.txt.gz");
        run(text, gz, "gzip", "-c");
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(whole, whole.length - 100));
        Job job = WordCount.job(LocalJobs.opts(in.toString(), dir.resolve("out-truncated").toString()));
        assertFalse(job.waitForCompletion(false));
        assertEquals(JobState.FAILED, job.result().state());
        assertTrue(job.result().failure().contains("input " + gz + " is corrupt at compressed byte " + (whole.length - 100)
                + ": Unexpected end of gzip input inside member 1"), job.result().failure());
        assertFalse(Files.exists(dir.resolve("out-truncated").resolve("_SUCCESS")));
    }

    @Test
    void anUnknownOutputCodecIsRefusedBeforeTheJobRuns() {
        Path out = dir.resolve("out-snappy");
        InvalidJobException e = assertThrows(InvalidJobException.class,
                () -> WordCount.run(LocalJobs.opts("-D", "mr.output.compress=snappy", text.toString(), out.toString())));
        assertEquals("mr.output.compress=snappy is not a codec; choose one of bzip2|gzip|lz4|zstd|none", e.getMessage());
        assertFalse(Files.exists(out), "nothing was written");
    }
}
