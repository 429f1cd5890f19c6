package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example job run on a 3-worker cluster of real processes, through the real scripts,
 * must give exactly the local runner's output on the same input: the local runner is the
 * oracle of every distributed run.
 */
class ExampleJobsIT {

    @TempDir
    static Path tmp;

    static Cluster cluster;
    static Path local;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start(tmp.resolve("cluster"), 3);
        local = Files.createDirectories(tmp.resolve("local"));
        Random r = new Random(1);
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "ünï", "日本"};
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 1_200_000) {
                int n = 1 + r.nextInt(10);
                for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " ").append(words[(int) Math.min(9, Math.abs(r.nextGaussian() * 3))]).append(r.nextInt(30));
                sb.append('\n');
            }
            Files.writeString(Files.createDirectories(local.resolve("text")).resolve("doc" + f + ".txt"), sb.toString());
        }
        StringBuilder left = new StringBuilder(), right = new StringBuilder(), pairs = new StringBuilder();
        for (int i = 0; i < 20_000; i++) left.append("k").append(r.nextInt(3000)).append('\t').append("L").append(i).append('\n');
        for (int i = 0; i < 20_000; i++) right.append("k").append(r.nextInt(3000)).append('\t').append("R").append(i).append('\n');
        for (int i = 0; i < 100_000; i++) pairs.append("n").append(r.nextInt(500)).append(' ').append(r.nextInt(1_000_000) - 500_000).append('\n');
        Files.writeString(local.resolve("left.tsv"), left.toString());
        Files.writeString(local.resolve("right.tsv"), right.toString());
        Files.writeString(local.resolve("pairs.txt"), pairs.toString());
        cluster.ok("mr-dfs", "mkdir", "-p", "dfs:/in/text");
        cluster.ok("mr-dfs", "put", local.resolve("text/doc0.txt").toString(), local.resolve("text/doc1.txt").toString(),
                local.resolve("text/doc2.txt").toString(), "dfs:/in/text/");
        cluster.ok("mr-dfs", "put", local.resolve("left.tsv").toString(), local.resolve("right.tsv").toString(),
                local.resolve("pairs.txt").toString(), "dfs:/in/");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) cluster.close();
    }

    /**
     * Runs the job on the cluster and locally, with the same reducers and partitioner: the cluster
     * must write the same part files, each equal byte for byte to the local runner's.
     */
    private static void sameAsLocal(String job, String[] clusterArgs, String[] localArgs) throws Exception {
        List<String> c = new ArrayList<>(List.of("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs." + job, "-D", "mr.reducers=3"));
        c.addAll(List.of(clusterArgs));
        Cluster.Result r = cluster.ok(c.toArray(String[]::new));
        assertTrue(r.err().contains("SUCCEEDED"), r.toString());
        List<String> l = new ArrayList<>(List.of("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs." + job, "-D", "mr.reducers=3"));
        l.addAll(List.of(localArgs));
        cluster.ok(l.toArray(String[]::new));
        int out = job.equals("Grep") ? 2 : 1; // Grep's last argument is its regular expression
        Path got = tmp.resolve(job + "-cluster");
        cluster.ok("mr-dfs", "get", clusterArgs[clusterArgs.length - out], got.toString());
        Path expected = Path.of(localArgs[localArgs.length - out]);
        assertTrue(PartFiles.sortedLines(PartFiles.text(expected)).size() > 10, job + " produced almost nothing locally");
        assertSameParts(job, expected, got);
    }

    /** The same {@code part-*} files in {@code got} as in {@code expected}, each with the same bytes. */
    static void assertSameParts(String what, Path expected, Path got) throws Exception {
        List<String> names = names(expected);
        assertEquals(names, names(got), what + ": the part files");
        for (String name : names) {
            byte[] e = Files.readAllBytes(expected.resolve(name));
            byte[] g = Files.readAllBytes(got.resolve(name));
            if (!Arrays.equals(e, g)) {
                // say where, in records, before the bytes: a whole part file in a message helps nobody
                List<String> el = List.of(new String(e, StandardCharsets.UTF_8).split("\n", -1));
                List<String> gl = List.of(new String(g, StandardCharsets.UTF_8).split("\n", -1));
                int i = 0;
                while (i < Math.min(el.size(), gl.size()) && el.get(i).equals(gl.get(i))) i++;
                assertEquals(i < el.size() ? el.get(i) : "(end of file)", i < gl.size() ? gl.get(i) : "(end of file)",
                        what + ": " + name + " differs from the local runner's first at line " + (i + 1));
            }
            assertArrayEquals(e, g, what + ": " + name + " differs from the local runner's");
        }
    }

    static List<String> names(Path dir) throws Exception {
        return PartFiles.of(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void wordCount() throws Exception {
        sameAsLocal("WordCount", new String[] {"dfs:/in/text", "dfs:/out/wc"}, new String[] {local.resolve("text").toString(), tmp.resolve("wc").toString()});
    }

    @Test
    void grep() throws Exception {
        sameAsLocal("Grep", new String[] {"dfs:/in/text", "dfs:/out/grep", "[a-z]+1[0-9]"},
                new String[] {local.resolve("text").toString(), tmp.resolve("grep").toString(), "[a-z]+1[0-9]"});
    }

    @Test
    void invertedIndex() throws Exception {
        sameAsLocal("InvertedIndex", new String[] {"dfs:/in/text", "dfs:/out/index"}, new String[] {local.resolve("text").toString(), tmp.resolve("index").toString()});
    }

    /**
     * A key's output lines follow the order its values reach the reducer, which Hadoop leaves open
     * and the cluster takes from the order map outputs arrive; the bytes match here because each
     * input is smaller than a chunk, so all of a key's left values come from one map and all its
     * right ones from another, each in input order (the map-side sort is stable), and the lefts
     * sort first. Inputs split over several maps would leave only the records equal, not their order.
     */
    @Test
    void join() throws Exception {
        sameAsLocal("Join", new String[] {"dfs:/in/left.tsv", "dfs:/in/right.tsv", "dfs:/out/join"},
                new String[] {local.resolve("left.tsv").toString(), local.resolve("right.tsv").toString(), tmp.resolve("join").toString()});
    }

    @Test
    void secondarySort() throws Exception {
        sameAsLocal("SecondarySort", new String[] {"dfs:/in/pairs.txt", "dfs:/out/ss"}, new String[] {local.resolve("pairs.txt").toString(), tmp.resolve("ss").toString()});
    }

    @Test
    void teraGenSortValidate() throws Exception {
        cluster.ok("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraGen", "-D", "teragen.maps=4", "50000", "dfs:/tera/in");
        cluster.ok("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraGen", "-D", "teragen.maps=4", "50000", tmp.resolve("tera-in").toString());
        Path got = tmp.resolve("tera-in-cluster");
        cluster.ok("mr-dfs", "get", "dfs:/tera/in", got.toString());
        assertSameParts("TeraGen", tmp.resolve("tera-in"), got);

        cluster.ok("mr-submit", "--master", cluster.url, Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraSort", "-D", "mr.reducers=3", "dfs:/tera/in", "dfs:/tera/out");
        cluster.ok("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraSort", "-D", "mr.reducers=3",
                tmp.resolve("tera-in").toString(), tmp.resolve("tera-out").toString());
        Path sorted = tmp.resolve("tera-out-cluster");
        cluster.ok("mr-dfs", "get", "dfs:/tera/out", sorted.toString());
        assertSameParts("TeraSort", tmp.resolve("tera-out"), sorted);

        cluster.ok("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraValidate", "dfs:/tera/out", "dfs:/tera/report");
        String report = cluster.ok("mr-dfs", "cat", "dfs:/tera/report").out();
        assertTrue(report.startsWith("checksum\t") && !report.contains("error"), report);
    }
}
