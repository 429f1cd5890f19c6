package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed data through the real scripts on a 2-worker cluster of processes, whose executors
 * get their class path from the worker's: a directory in dfs holding a gzip and a zstd copy of
 * a text (made by the system tools) counts, with {@code mr.output.compress=zstd}, to output
 * that {@code mr-dfs cat ... | zstd -dc} turns into the local runner's uncompressed output of
 * the plain text twice, byte for byte; a truncated {@code .gz} fails {@code mr-submit} naming it.
 */
class CompressedFilesIT {

    @TempDir
    Path tmp;

    private static void tool(Path in, Path out, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    @Test
    void compressedInputAndOutputOnRealDaemons() throws Exception {
        Random r = new Random(16);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3_000_000) {
            for (int i = 0; i < 1 + r.nextInt(9); i++) sb.append(i == 0 ? "" : " ").append("w").append((int) Math.abs(r.nextGaussian() * 2000));
            sb.append('\n');
        }
        Path local = Files.createDirectories(tmp.resolve("local"));
        Path twice = Files.createDirectories(local.resolve("twice"));
        Files.writeString(twice.resolve("a.txt"), sb);
        Files.writeString(twice.resolve("b.txt"), sb);
        Path gz = local.resolve("a.txt.gz");
        Path zst = local.resolve("b.txt.zst");
        tool(twice.resolve("a.txt"), gz, "gzip", "-c");
        tool(twice.resolve("b.txt"), zst, "zstd", "-q", "-c");
        byte[] whole = Files.readAllBytes(gz);
        Path truncated = Files.write(local.resolve("cut.txt.gz"), Arrays.copyOf(whole, whole.length / 2));

        try (Cluster c = Cluster.start(tmp.resolve("cluster"), 2)) {
            c.ok("mr-dfs", "mkdir", "-p", "dfs:/in/both", "dfs:/in/cut");
            c.ok("mr-dfs", "put", gz.toString(), zst.toString(), "dfs:/in/both/");
            c.ok("mr-dfs", "put", truncated.toString(), "dfs:/in/cut/");

            Cluster.Result run = c.ok("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", "-D", "mr.reducers=2",
                    "-D", "mr.output.compress=zstd", "dfs:/in/both", "dfs:/out/wc");
            assertTrue(run.err().contains("SUCCEEDED"), run.toString());
            String ls = c.ok("mr-dfs", "ls", "dfs:/out/wc").out();
            assertTrue(ls.contains("part-r-00000.zst") && ls.contains("part-r-00001.zst"), ls);

            // the parts' frames, concatenated, read as one stream (as `mr-dfs cat dfs:/out/wc | zstd -dc` does)
            Path got = tmp.resolve("got");
            c.ok("mr-dfs", "get", "dfs:/out/wc", got.toString());
            Path catted = Files.write(tmp.resolve("catted.zst"), PartFiles.bytes(got));
            Path back = tmp.resolve("back.txt");
            tool(catted, back, "zstd", "-dc");

            c.ok("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", "-D", "mr.reducers=2",
                    twice.toString(), tmp.resolve("local-wc").toString());
            assertArrayEquals(PartFiles.bytes(tmp.resolve("local-wc")), Files.readAllBytes(back));

            Cluster.Result cut = c.script("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", "-D", "mr.task.max.attempts=1",
                    "dfs:/in/cut", "dfs:/out/cut");
            assertNotEquals(0, cut.status(), cut.toString());
            assertTrue(cut.err().contains("input dfs:/in/cut/cut.txt.gz is corrupt at compressed byte " + whole.length / 2), cut.toString());
        }
    }
}
