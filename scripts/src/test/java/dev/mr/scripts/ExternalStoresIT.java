package dev.mr.scripts;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", through the real scripts and daemons: with a real HDFS (MiniDFSCluster)
 * and a real S3 endpoint (S3Proxy) started here, and {@code HADOOP_CONF_DIR} naming a core-site.xml
 * for both, {@code mr-submit --wait JAR dev.mr.jobs.WordCount hdfs://…/in s3a://bucket/out} on a
 * cluster started with {@code mr-cluster} writes exactly the local runner's output; a lookup table
 * in HDFS or S3 ships with {@code -files hdfs://…#small} or {@code s3a://…#small}; {@code mr-dfs cp}
 * moves data between HDFS and dfs-lite both ways and refuses an existing destination; a missing
 * HDFS input or {@code -files} table is refused at submission, naming it. One cluster, HDFS and S3 endpoint for the class: each start costs seconds.
 */
class ExternalStoresIT {

    static final String BUCKET = "bucket";
    static final String ACCESS_KEY = "mr-access";
    static final String SECRET_KEY = "mr-secret-0123456789";

    @TempDir
    static Path tmp;
    static MiniDFSCluster hdfs;
    static String nn;
    static BlobStoreContext blobs;
    static S3Proxy s3;
    static org.apache.hadoop.conf.Configuration hadoopConf;
    static Cluster cluster;
    static org.apache.hadoop.fs.FileSystem s3aClient;

    @BeforeAll
    static void start() throws Exception {
        org.apache.hadoop.conf.Configuration hc = new org.apache.hadoop.conf.Configuration();
        hc.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(hc).numDataNodes(1).build();
        hdfs.waitActive();
        nn = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();

        blobs = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY).build(BlobStoreContext.class);
        BlobStore store = blobs.getBlobStore();
        store.createContainerInLocation(null, BUCKET);
        s3 = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).ignoreUnknownHeaders(true).build();
        s3.start();
        await(Duration.ofSeconds(30), "S3Proxy started", () -> "STARTED".equals(s3.getState()));

        Map<String, String> site = new TreeMap<>(Map.of(
                "fs.defaultFS", nn,
                "fs.s3a.endpoint", "http://127.0.0.1:" + s3.getPort(),
                "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false",
                "fs.s3a.access.key", ACCESS_KEY,
                "fs.s3a.secret.key", SECRET_KEY,
                "fs.s3a.attempts.maximum", "2",
                "fs.s3a.retry.limit", "2"));
        Path confDir = Files.createDirectories(tmp.resolve("hadoop-conf"));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        site.forEach((k, v) -> xml.append("  <property><name>").append(k).append("</name><value>").append(v).append("</value></property>\n"));
        Files.writeString(confDir.resolve("core-site.xml"), xml.append("</configuration>\n"));
        hadoopConf = new org.apache.hadoop.conf.Configuration();
        site.forEach(hadoopConf::set);

        cluster = Cluster.start(tmp.resolve("cluster"), 2, Map.of("HADOOP_CONF_DIR", confDir.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cluster != null) cluster.close();
            if (s3aClient != null) s3aClient.close();
        } finally {
            if (s3 != null) s3.stop();
            if (blobs != null) blobs.close();
            if (hdfs != null) hdfs.shutdown();
        }
    }

    @Test
    void wordCountFromHdfsToS3ThroughTheScriptsEqualsTheLocalRunner() throws Exception {
        Random r = new Random(17);
        String[] words = {"alpha", "beta", "gamma", "delta", "ünï", "日本"};
        for (int f = 0; f < 2; f++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 300_000) sb.append(words[r.nextInt(words.length)]).append(r.nextInt(50)).append(r.nextInt(4) == 0 ? "\n" : " ");
            writeHdfs("/in/doc" + f + ".txt", sb.toString());
        }

        Cluster.Result run = cluster.script("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", nn + "/in", "s3a://" + BUCKET + "/out");
        assertEquals(0, run.status(), run.toString());
        Path local = tmp.resolve("wc-local");
        cluster.ok("mr-submit", "--local", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", nn + "/in", "file:" + local);

        org.apache.hadoop.fs.FileSystem s3a = s3a();
        {
            List<String> names = new ArrayList<>();
            for (org.apache.hadoop.fs.FileStatus s : s3a.listStatus(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/out"))) names.add(s.getPath().getName());
            names.sort(null);
            assertEquals(List.of("_SUCCESS", "part-r-00000"), names, "only the committed output under s3a://bucket/out");
            byte[] expected = Files.readAllBytes(local.resolve("part-r-00000"));
            assertTrue(expected.length > 1000, "the local runner counted words");
            assertArrayEquals(expected, read(s3a, "s3a://" + BUCKET + "/out/part-r-00000"), "the cluster's hdfs→s3a output is the local runner's");
        }
    }

    @Test
    void aFilesTableFromHdfsOrS3AndMrDfsCpBetweenHdfsAndDfs() throws Exception {
        StringBuilder table = new StringBuilder();
        StringBuilder orders = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) table.append("c").append(i).append('\t').append("name-").append(i * 31 % 1000).append('\n');
        for (int i = 0; i < 10_000; i++) {
            int customer = i * 7 % 2100;
            orders.append("c").append(customer).append('\t').append(i % 500).append('\n');
            if (customer < 2000) expected.add("c" + customer + "\t" + (i % 500) + "\tname-" + (customer * 31 % 1000));
        }
        expected.sort(null);
        writeHdfs("/ref/customers.tsv", table.toString());
        writeHdfs("/ref/orders.tsv", orders.toString());

        cluster.ok("mr-dfs", "cp", nn + "/ref/orders.tsv", "dfs:/orders/orders.tsv");
        assertEquals(orders.toString(), cluster.ok("mr-dfs", "cat", "dfs:/orders/orders.tsv").out(), "hdfs → dfs, byte for byte");
        Cluster.Result refused = cluster.script("mr-dfs", "cp", nn + "/ref/customers.tsv", "dfs:/orders/orders.tsv");
        assertEquals(1, refused.status(), refused.toString());
        assertTrue(refused.err().contains("dfs:/orders/orders.tsv already exists"), refused.toString());

        Cluster.Result join = cluster.script("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.MapSideJoin",
                "-files", nn + "/ref/customers.tsv#small", "dfs:/orders", "dfs:/joined");
        assertEquals(0, join.status(), join.toString());

        // the same table from S3: the mixed case
        try (OutputStream out = s3a().create(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/ref/customers.tsv"))) {
            out.write(table.toString().getBytes(StandardCharsets.UTF_8));
        }
        Cluster.Result fromS3 = cluster.script("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.MapSideJoin",
                "-files", "s3a://" + BUCKET + "/ref/customers.tsv#small", "dfs:/orders", "dfs:/joined-s3");
        assertEquals(0, fromS3.status(), fromS3.toString());
        assertEquals(expected, PartFiles.sortedLines(cluster.ok("mr-dfs", "cat", "dfs:/joined-s3").out()), "the join with the table from s3a");

        cluster.ok("mr-dfs", "cp", "dfs:/joined", nn + "/joined"); // dfs → hdfs, a directory
        org.apache.hadoop.fs.FileSystem fs = hdfs.getFileSystem();
        StringBuilder got = new StringBuilder();
        for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path("/joined"))) {
            if (s.getPath().getName().startsWith("part-")) got.append(new String(read(fs, s.getPath().toString()), StandardCharsets.UTF_8));
        }
        assertEquals(expected, PartFiles.sortedLines(got.toString()), "the join with the table shipped from hdfs, copied back to hdfs");
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/joined/_SUCCESS")), "the directory came whole");
    }

    @Test
    void aMissingHdfsInputOrFilesTableIsRefusedAtSubmissionNamingIt() throws Exception {
        Cluster.Result r = cluster.script("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount", nn + "/nothing",
                "s3a://" + BUCKET + "/never");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains(nn + "/nothing"), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
        assertFalse(r.err().contains(SECRET_KEY), "the secret key is never printed");

        Cluster.Result noTable = cluster.script("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.MapSideJoin",
                "-files", "dfs:/ref/nothing.tsv#small", nn + "/in", "dfs:/never");
        assertEquals(2, noTable.status(), noTable.toString());
        assertTrue(noTable.err().contains("mr-submit: -files: dfs:/ref/nothing.tsv does not exist"), noTable.toString());
    }

    /** This JVM's own S3A client of the bucket, made with the settings the daemons read: an independent reader and writer. */
    private static synchronized org.apache.hadoop.fs.FileSystem s3a() throws IOException {
        if (s3aClient == null) s3aClient = org.apache.hadoop.fs.FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), hadoopConf);
        return s3aClient;
    }

    private static void writeHdfs(String path, String text) throws IOException {
        try (OutputStream out = hdfs.getFileSystem().create(new org.apache.hadoop.fs.Path(path))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] read(org.apache.hadoop.fs.FileSystem fs, String path) throws IOException {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
            return in.readAllBytes();
        }
    }
}
