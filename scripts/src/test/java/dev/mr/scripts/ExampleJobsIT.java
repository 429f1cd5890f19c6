package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
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

    /** Runs the job on the cluster and locally; their outputs, as sorted lines, must be equal. */
    private static void sameAsLocal(String job, String[] clusterArgs, String[] localArgs) throws Exception {
        List<String> c = new ArrayList<>(List.of("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs." + job, "-D", "mr.reducers=3"));
        c.addAll(List.of(clusterArgs));
        Cluster.Result r = cluster.ok(c.toArray(String[]::new));
        assertTrue(r.err().contains("SUCCEEDED"), r.toString());
        List<String> l = new ArrayList<>(List.of("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs." + job, "-D", "mr.reducers=3"));
        l.addAll(List.of(localArgs));
        cluster.ok(l.toArray(String[]::new));
        String clusterOut = cluster.ok("mr-dfs", "cat", clusterArgs[clusterArgs.length - (job.equals("Grep") ? 2 : 1)]).out();
        String localOut = PartFiles.text(Path.of(localArgs[localArgs.length - (job.equals("Grep") ? 2 : 1)]));
        List<String> expected = PartFiles.sortedLines(localOut);
        assertTrue(expected.size() > 10, job + " produced almost nothing locally");
        assertEquals(expected, PartFiles.sortedLines(clusterOut), job + ": cluster output differs from the local runner's");
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
        assertArrayEquals(concat(tmp.resolve("tera-in")), concat(got), "TeraGen writes the same rows on the cluster");

        cluster.ok("mr-submit", "--master", cluster.url, Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraSort", "-D", "mr.reducers=3", "dfs:/tera/in", "dfs:/tera/out");
        cluster.ok("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraSort", "-D", "mr.reducers=3",
                tmp.resolve("tera-in").toString(), tmp.resolve("tera-out").toString());
        Path sorted = tmp.resolve("tera-out-cluster");
        cluster.ok("mr-dfs", "get", "dfs:/tera/out", sorted.toString());
        assertArrayEquals(concat(tmp.resolve("tera-out")), concat(sorted), "TeraSort output equals the local runner's");

        cluster.ok("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.TeraValidate", "dfs:/tera/out", "dfs:/tera/report");
        String report = cluster.ok("mr-dfs", "cat", "dfs:/tera/report").out();
        assertTrue(report.startsWith("checksum\t") && !report.contains("error"), report);
    }

    static byte[] concat(Path dir) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) all.writeBytes(Files.readAllBytes(p));
        }
        return all.toByteArray();
    }
}
