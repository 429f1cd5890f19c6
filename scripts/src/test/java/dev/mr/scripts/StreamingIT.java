package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/mr-streaming} as a Hadoop Streaming user runs it, on a 3-worker cluster of real
 * processes and locally: a Python WordCount gives exactly the Java WordCount's output, counters
 * from stderr reach the job's counters, and a failing or missing command fails the job, with exit
 * status 1, in words that say why (its stderr, "cannot run").
 */
class StreamingIT {

    @TempDir
    static Path tmp;

    static Cluster cluster;
    static Path local;

    /** The README's WordCount scripts. */
    static final Path EXAMPLES = Cluster.HOME.resolve("mr-streaming/examples/wordcount");

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start(tmp.resolve("cluster"), 3);
        local = Files.createDirectories(tmp.resolve("local"));
        Random r = new Random(5);
        String[] words = {"alpha", "beta", "gamma", "ünï", "日本", "café"};
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 600_000) {
                int n = r.nextInt(8);
                for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : " ").append(words[r.nextInt(words.length)]).append(r.nextInt(50));
                sb.append('\n');
            }
            Files.writeString(Files.createDirectories(local.resolve("text")).resolve("doc" + f + ".txt"), sb.toString());
        }
        Files.copy(EXAMPLES.resolve("mapper.py"), local.resolve("mapper.py"));
        Files.copy(EXAMPLES.resolve("reducer.py"), local.resolve("reducer.py"));
        cluster.ok("mr-dfs", "mkdir", "-p", "dfs:/in/text");
        cluster.ok("mr-dfs", "put", local.resolve("text/doc0.txt").toString(), local.resolve("text/doc1.txt").toString(),
                local.resolve("text/doc2.txt").toString(), "dfs:/in/text/");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void pythonWordCountOnTheClusterAndLocallyEqualsTheJavaOne() throws Exception {
        cluster.ok("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", "-D", "mr.reducers=3", "dfs:/in/text", "dfs:/out/java");
        Cluster.Result r = cluster.ok("mr-streaming", "-D", "mr.job.name=py-wc", "-input", "dfs:/in/text/doc0.txt", "-input", "dfs:/in/text/doc1.txt",
                "-input", "dfs:/in/text/doc2.txt", "-output", "dfs:/out/py", "-mapper", "python3 " + local.resolve("mapper.py"),
                "-reducer", "python3 " + local.resolve("reducer.py"), "-numReduceTasks", "3", "-D", "mr.input.split.size=200000");
        assertTrue(r.err().contains("SUCCEEDED") && r.err().contains("output: dfs:/out/py"), r.toString());
        List<String> java = PartFiles.sortedLines(cluster.ok("mr-dfs", "cat", "dfs:/out/java").out());
        assertEquals(java, PartFiles.sortedLines(cluster.ok("mr-dfs", "cat", "dfs:/out/py").out()));

        Path out = tmp.resolve("local-py");
        cluster.ok("mr-streaming", "--local", "-input", local.resolve("text").toString(), "-output", out.toString(),
                "-mapper", "python3 " + local.resolve("mapper.py"), "-combiner", "python3 " + local.resolve("reducer.py"),
                "-reducer", "python3 " + local.resolve("reducer.py"));
        assertEquals(java, PartFiles.sortedLines(PartFiles.text(out)));
    }

    @Test
    void countersFromStderrAreTheJobsCounters() throws Exception {
        Cluster.Result r = cluster.ok("mr-streaming", "-input", "dfs:/in/text", "-output", "dfs:/out/counted", "-reducer", "NONE",
                "-mapper", "awk '{ n++ } END { print \"reporter:counter:Streaming,Lines,\" n > \"/dev/stderr\"; print n }'");
        long lines = 0;
        for (int f = 0; f < 3; f++) lines += Files.readAllLines(local.resolve("text/doc" + f + ".txt")).size();
        assertTrue(r.err().contains("  Streaming\n    Lines=" + lines + "\n"), r.toString());
    }

    @Test
    void aMapperThatExitsOneFailsTheJobWithItsStderrTail() throws Exception {
        Cluster.Result r = cluster.script("mr-streaming", "-input", "dfs:/in/text", "-output", "dfs:/out/failed", "-reducer", "cat",
                "-mapper", "python3 -c 'import sys; sys.stdin.read(); print(\"ValueError: bad record 42\", file=sys.stderr); sys.exit(1)'",
                "-D", "mr.task.max.attempts=2");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("FAILED"), r.toString());
        String all = r.out() + r.err();
        assertTrue(all.contains("exited with status 1; the end of its stderr:\nValueError: bad record 42"), r.toString());
    }

    @Test
    void aCommandThatDoesNotExistFailsTheJobWithCannotRun() throws Exception {
        Cluster.Result r = cluster.script("mr-streaming", "-input", "dfs:/in/text", "-output", "dfs:/out/missing", "-mapper", "no-such-mapper.py",
                "-reducer", "NONE");
        assertEquals(1, r.status(), r.toString());
        assertTrue((r.out() + r.err()).contains("cannot run `no-such-mapper.py`: command not found"), r.toString());
    }

    @Test
    void aBadCommandLineIsRefusedWithExitTwo() throws Exception {
        Cluster.Result r = cluster.script("mr-streaming", "-input", "dfs:/in/text", "-output", "dfs:/out/x", "-mapper", "cat", "-reducer", "cat",
                "-numReduceTasks", "many");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("mr-streaming: -numReduceTasks wants a whole number of 0 or more, got 'many'"), r.toString());
    }

    @Test
    void shippedScriptsRunFromTheWorkingDirectory() throws Exception {
        // waits for the side-files work (shipping mr.job.files to workers, Context.cacheFile)
        cluster.ok("mr-streaming", "-input", "dfs:/in/text", "-output", "dfs:/out/shipped", "-numReduceTasks", "2",
                "-file", local.resolve("mapper.py").toString(), "-file", local.resolve("reducer.py").toString(),
                "-mapper", "python3 mapper.py", "-reducer", "python3 reducer.py");
        cluster.ok("mr-submit", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", "dfs:/in/text", "dfs:/out/java-shipped");
        assertEquals(PartFiles.sortedLines(cluster.ok("mr-dfs", "cat", "dfs:/out/java-shipped").out()),
                PartFiles.sortedLines(cluster.ok("mr-dfs", "cat", "dfs:/out/shipped").out()));
    }
}
