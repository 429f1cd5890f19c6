package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.GenericOptions;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.hadoop.MiniHdfs;
import dev.mr.jobs.TeraGen;
import dev.mr.jobs.TeraSort;
import dev.mr.jobs.WordCount;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.protocol.JobView;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job reads and writes HDFS where the data lives: WordCount and TeraSort (with TeraGen's input)
 * run from {@code hdfs://} to {@code hdfs://} on three workers of an in-process cluster and write,
 * part file by part file, what the local runner writes from the same bytes in local files. HDFS
 * blocks of 1 MiB cut each file into several splits, so the equality also proves that text and
 * TeraSort records are split at block boundaries by the same rule as {@code file:} and
 * {@code dfs:}: every line read once. A job's {@code -D fs.*} and {@code dfs.*} settings reach
 * the HDFS clients of the master and the tasks. And a job whose input is missing, or whose
 * NameNode does not answer, is refused at submission, promptly, with the path or the NameNode named.
 */
class HdfsJobsTest {

    @TempDir
    static Path tmp;
    static MiniHdfs hdfs;
    static LocalCluster cluster;
    static Path jar;

    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
            "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "größe", "日本"};

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.start(tmp.resolve("hdfs"));
        cluster = LocalCluster.start(tmp.resolve("cluster"), TestCluster.fastConf(), 3, 2);
        jar = Files.write(tmp.resolve("jobs.jar"), TestJars.of(WordCount.class, WordCount.TokenMapper.class, WordCount.IntSumReducer.class,
                Class.forName("dev.mr.jobs.Words"), TeraGen.class, TeraGen.GenMapper.class, TeraGen.RangeInputFormat.class,
                TeraGen.RangeSplit.class, TeraSort.class));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
        if (hdfs != null) hdfs.close();
    }

    /** What a driver run by mr-submit on this cluster holds, then {@code args}. */
    private static GenericOptions onCluster(String... args) {
        List<String> argv = new ArrayList<>(List.of("-D", ConfKeys.MASTER + "=" + cluster.master.url(), "-D", ConfKeys.FRAMEWORK + "=cluster",
                "-D", ConfKeys.EXECUTOR + "=thread", "-D", JobSettings.TASK_MAX_ATTEMPTS + "=1", "-D", "mr.speculation=false",
                "-D", "dfs.blocksize=" + MiniHdfs.BLOCK, "-D", ConfKeys.REDUCERS + "=3"));
        argv.addAll(List.of(args));
        return GenericOptions.parse(argv.toArray(String[]::new));
    }

    private static GenericOptions local(String... args) {
        List<String> argv = new ArrayList<>(List.of("-D", ConfKeys.FRAMEWORK + "=local", "-D", ConfKeys.LOCAL_THREADS + "=2",
                "-D", ConfKeys.REDUCERS + "=3"));
        argv.addAll(List.of(args));
        return GenericOptions.parse(argv.toArray(String[]::new));
    }

    private static Job run(Job job) throws Exception {
        assertTrue(job.waitForCompletion(false), () -> "job failed: " + job.result());
        return job;
    }

    @Test
    void wordCountFromHdfsToHdfsWritesTheLocalRunnersOutput() throws Exception {
        Path localIn = Files.createDirectories(tmp.resolve("text"));
        String in = hdfs.uri() + "/text";
        try (FileSystems fss = new FileSystems(onCluster().conf())) {
            for (int f = 0; f < 2; f++) {
                byte[] text = text(1_700_000, f);
                Files.write(localIn.resolve("part-" + f + ".txt"), text);
                write(fss, in + "/part-" + f + ".txt", text);
            }
            // the output names no NameNode: -D fs.defaultFS, travelling with the job, names it for the master and the tasks
            Job job = run(WordCount.job(onCluster("-D", "dfs.replication=2", "-D", "fs.defaultFS=" + hdfs.uri(), in, "hdfs:/wc"))
                    .jar(jar.toString()));
            JobView view = cluster.api.job(job.result().jobId());
            assertTrue(view.maps() >= 4, view.maps() + " maps for two files of two 1 MiB blocks each");
            FsPath part = fss.resolve(hdfs.uri() + "/wc/part-r-00000");
            FileStatus written = fss.get(part).status(part);
            assertEquals(2, written.replication(), "the job's -D dfs.replication reached the tasks' HDFS client");
            assertEquals(MiniHdfs.BLOCK, written.blockSize(), "and its -D dfs.blocksize");

            run(WordCount.job(local(localIn.toString(), tmp.resolve("wc-local").toString())));
            assertEquals(localParts(tmp.resolve("wc-local")), parts(fss, hdfs.uri() + "/wc"), "cluster output equals the local runner's");
        }
    }

    @Test
    void teraSortFromHdfsToHdfsWritesTheLocalRunnersOutput() throws Exception {
        String gen = hdfs.uri() + "/tera/in";
        run(TeraGen.job(onCluster("-D", "teragen.maps=3", "60000", gen)).jar(jar.toString()));
        run(TeraGen.job(local("-D", "teragen.maps=3", "60000", tmp.resolve("tera-in").toString())));
        try (FileSystems fss = new FileSystems(onCluster().conf())) {
            assertEquals(localParts(tmp.resolve("tera-in")), parts(fss, gen), "TeraGen wrote the same records to HDFS as to local files");

            Job sort = TeraSort.job(onCluster(gen, hdfs.uri() + "/tera/out")).jar(jar.toString());
            run(sort);
            JobView view = cluster.api.job(sort.result().jobId());
            assertTrue(view.maps() > 3, view.maps() + " maps for three files of 2 MB in 1 MiB blocks");

            Job local = TeraSort.job(local(tmp.resolve("tera-in").toString(), tmp.resolve("tera-local").toString()));
            local.set(ConfKeys.PARTITIONER_CUTS, sort.conf().get(ConfKeys.PARTITIONER_CUTS)); // the cluster run's cut points
            run(local);
            assertEquals(localParts(tmp.resolve("tera-local")), parts(fss, hdfs.uri() + "/tera/out"), "sorted output equals the local runner's");
        }
    }

    @Test
    void aMissingInputIsRefusedAtSubmissionNamingIt() throws Exception {
        String missing = hdfs.uri() + "/no/such/input";
        long start = System.nanoTime();
        InvalidJobException e = assertThrows(InvalidJobException.class,
                () -> WordCount.job(onCluster(missing, hdfs.uri() + "/out-missing")).jar(jar.toString()).waitForCompletion(false));
        assertEquals("input " + missing + " does not exist", e.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "refused at once");
    }

    @Test
    void aJobThatSwapsTheClassServingHdfsIsRefused() {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> WordCount.job(onCluster(
                "-D", "fs.hdfs.impl=org.apache.hadoop.fs.RawLocalFileSystem", hdfs.uri() + "/etc", hdfs.uri() + "/out-impl"))
                .jar(jar.toString()).waitForCompletion(false));
        assertTrue(e.getMessage().startsWith("-D fs.hdfs.impl is refused: a job may not choose Hadoop's file system classes"), e.getMessage());
    }

    @Test
    void aNameNodeThatIsDownIsNamedAtSubmission() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String down = "hdfs://localhost:" + port;
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class,
                () -> WordCount.job(onCluster(down + "/in", hdfs.uri() + "/out-down")).jar(jar.toString()).waitForCompletion(false));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("input on a down NameNode refused in " + millis + " ms: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("the NameNode localhost:" + port + " is not reachable (Connection refused), so " + down + "/in"),
                e.getMessage());
        assertTrue(millis < 10_000, "refused within seconds: " + millis + " ms");

        String text = hdfs.uri() + "/small.txt";
        try (FileSystems fss = new FileSystems(onCluster().conf())) {
            write(fss, text, "a b c\n".getBytes(StandardCharsets.UTF_8));
        }
        start = System.nanoTime(); // the master checks the output: a down store is no reason to retry the submission for minutes
        InvalidJobException out = assertThrows(InvalidJobException.class, () -> WordCount.job(onCluster(
                "-D", ConfKeys.CLIENT_RETRY_MAX_MS + "=20000", text, down + "/out")).jar(jar.toString()).waitForCompletion(false));
        millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("output on a down NameNode refused in " + millis + " ms: " + out.getMessage());
        assertTrue(out.getMessage().startsWith("the NameNode localhost:" + port + " is not reachable (Connection refused), so " + down + "/out"),
                out.getMessage());
        assertTrue(millis < 10_000, "refused within seconds: " + millis + " ms");
    }

    /** About {@code bytes} bytes of lines of words (some non-ASCII), whole lines only. */
    private static byte[] text(int bytes, long seed) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder();
        while (s.length() < bytes) {
            for (int w = 0, n = random.nextInt(15); w < n; w++) s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            s.append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(FileSystems fss, String path, byte[] bytes) throws IOException {
        FsPath p = fss.resolve(path);
        try (OutputStream out = new BufferedOutputStream(fss.get(p).create(p), 1 << 16)) {
            out.write(bytes);
        }
    }

    /** Every part file of an output by name, with its bytes; {@code _SUCCESS} must be there. */
    private static Map<String, String> parts(FileSystems fss, String dir) throws IOException {
        FsPath path = fss.resolve(dir);
        FileSystem fs = fss.get(path);
        assertTrue(fs.exists(path.child("_SUCCESS")), dir + "/_SUCCESS");
        Map<String, String> out = new TreeMap<>();
        for (FileStatus f : fs.list(path)) {
            if (!f.path().name().startsWith("part-")) continue;
            try (var in = fs.open(f.path())) {
                out.put(f.path().name(), digest(in.readAllBytes()));
            }
        }
        assertTrue(!out.isEmpty(), dir + " has part files");
        return out;
    }

    private static Map<String, String> localParts(Path dir) throws IOException {
        assertTrue(Files.exists(dir.resolve("_SUCCESS")), dir + "/_SUCCESS");
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                out.put(p.getFileName().toString(), digest(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /** A file's bytes as an assertion can compare and show them: their length and SHA-256. */
    private static String digest(byte[] b) {
        try {
            return b.length + " bytes, sha256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
