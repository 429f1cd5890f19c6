package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.api.Text;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.RawTextInputFormat;
import dev.mr.jobs.WordCount;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobView;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.WorkerView;
import dev.mr.worker.runtime.WorkerSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.datanode.DataNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A map of HDFS input runs on the worker whose machine holds its block, as Hadoop runs it on the
 * NodeManager of the block's DataNode: HDFS names block hosts by host name and address, the
 * workers register the names their machine goes by, and the scheduler matches the two. Three
 * DataNodes with host names dn-a, dn-b and dn-c hold one replica of each block (files are written
 * favouring one DataNode each, and where each block went is read back from the NameNode); three
 * workers go by those names. The scheduler does not wait for a local slot (no delay scheduling), so
 * what it guarantees, and what is checked through the master's API, is: every map attempt's
 * data-local flag says whether its worker goes by its block's DataNode's name, and an attempt runs
 * elsewhere only once every map local to its worker has started. The output equals the local runner's.
 * In package {@code dev.mr.master} for the in-process cluster of mr-master's tests.
 */
class HdfsLocalityTest {

    private static final String[] DATANODES = {"dn-a", "dn-b", "dn-c"};
    private static final long BLOCK = 1 << 20;
    private static final int FILES_PER_DATANODE = 2;

    @TempDir
    static Path tmp;
    static MiniDFSCluster hdfs;
    static String namenode;

    @BeforeAll
    static void startHdfs() throws Exception {
        org.apache.hadoop.conf.Configuration hc = new org.apache.hadoop.conf.Configuration();
        hc.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(hc).numDataNodes(DATANODES.length).hosts(DATANODES).build();
        hdfs.waitActive();
        namenode = "hdfs://localhost:" + hdfs.getNameNodePort();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) hdfs.shutdown();
    }

    @Test
    void mapsRunOnTheWorkerNamedLikeTheirBlocksDataNode() throws Exception {
        List<String> blockHosts = writeInput();
        Configuration conf = new Configuration().setLong(WorkerSettings.HEARTBEAT_MS, 200);
        try (LocalCluster cluster = LocalCluster.start(tmp.resolve("cluster"), conf, List.of(DATANODES), 2);
             FileSystems fs = new FileSystems(client(cluster))) {
            Map<String, String> hostOfWorker = new TreeMap<>();
            for (WorkerView w : cluster.api.get("/api/v1/workers").as(WorkerView[].class)) hostOfWorker.put(w.workerId(), w.hostNames().get(0));
            assertEquals(List.of(DATANODES), hostOfWorker.values().stream().sorted().toList(), "each worker shows the name it goes by");

            Job job = wordCount(Job.create(client(cluster)).name("hdfs-locality").jar(jar().toString())
                    .set(ConfKeys.FRAMEWORK, "cluster").set(ConfKeys.EXECUTOR, "thread")
                    .set(JobSettings.TASK_MAX_ATTEMPTS, "1").set("mr.speculation", "false"), "dfs:/out");
            assertTrue(job.waitForCompletion(false), () -> "job failed: " + job.result());

            List<TaskView> maps = cluster.api.tasks(job.result().jobId(), "?type=map&limit=1000").items();
            assertEquals(blockHosts.size(), maps.size(), "a map per block");
            List<MapAttempt> attempts = new ArrayList<>();
            Map<String, Long> firstStartOnHost = new TreeMap<>(); // per DataNode host, the latest first start of its maps
            for (TaskView t : maps) {
                String blockHost = blockHosts.get(Integer.parseInt(t.taskId().substring(t.taskId().lastIndexOf('_') + 1)));
                long firstStart = Long.MAX_VALUE;
                for (AttemptView a : t.attempts()) {
                    attempts.add(new MapAttempt(a, blockHost, hostOfWorker.get(a.worker())));
                    firstStart = Math.min(firstStart, a.startTime());
                }
                firstStartOnHost.merge(blockHost, firstStart, Math::max);
            }
            for (MapAttempt a : attempts) {
                assertEquals(a.blockHost().equals(a.workerHost()), a.view().dataLocal(),
                        () -> a.view().attemptId() + " read a block on " + a.blockHost() + " on the worker of " + a.workerHost());
                if (!a.view().dataLocal()) {
                    assertTrue(firstStartOnHost.get(a.workerHost()) <= a.view().startTime(), () -> a.view().attemptId() + " ran on "
                            + a.workerHost() + ", not where its block is, while a map whose block is on " + a.workerHost() + " still waited");
                }
            }
            long local = attempts.stream().filter(a -> a.view().dataLocal()).count();
            System.out.println(local + " of " + attempts.size() + " map attempts ran on their block's host");

            JobView view = cluster.api.job(job.result().jobId());
            assertEquals("SUCCEEDED", view.state());
            assertEquals(localOutput(cluster), output(fs, "dfs:/out"), "cluster output equals the local runner's");
        }
    }

    private record MapAttempt(AttemptView view, String blockHost, String workerHost) {}

    /**
     * Writes {@link #FILES_PER_DATANODE} files of two blocks for each DataNode, one replica each,
     * each file favouring one DataNode; returns the host of each split's block (a split per block,
     * in the order the input format lists them: files by name, then by offset), as the NameNode says.
     */
    private static List<String> writeInput() throws IOException {
        DistributedFileSystem dfs = hdfs.getFileSystem();
        List<DataNode> nodes = hdfs.getDataNodes();
        List<String> hosts = new ArrayList<>();
        Map<String, Integer> blocksPerHost = new TreeMap<>();
        Random random = new Random(17);
        for (int i = 0; i < nodes.size() * FILES_PER_DATANODE; i++) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path("/in/part-" + i);
            InetSocketAddress xfer = nodes.get(i % nodes.size()).getXferAddress();
            // by address, which the NameNode finds the DataNode by (the client then warns that it was "not chosen": it compares
            // with the DataNode's host name; the blocks' hosts below say where they went)
            InetSocketAddress favoured = InetSocketAddress.createUnresolved(xfer.getAddress().getHostAddress(), xfer.getPort());
            try (OutputStream out = dfs.create(p, FsPermission.getFileDefault(), false, 4096, (short) 1, BLOCK, null,
                    new InetSocketAddress[] {favoured})) {
                out.write(text(random, BLOCK * 19 / 10));
            }
            long length = dfs.getFileStatus(p).getLen();
            for (long offset = 0; offset < length; offset += BLOCK) {
                BlockLocation[] at = dfs.getFileBlockLocations(p, offset, 1);
                String host = at[0].getHosts()[0];
                hosts.add(host);
                blocksPerHost.merge(host, 1, Integer::sum);
            }
        }
        assertEquals(List.of(DATANODES), List.copyOf(blocksPerHost.keySet()), "every DataNode holds blocks: " + blocksPerHost);
        System.out.println("blocks per DataNode: " + blocksPerHost);
        return hosts;
    }

    /** About {@code bytes} bytes of lines of random words. */
    private static byte[] text(Random random, long bytes) {
        StringBuilder s = new StringBuilder();
        while (s.length() < bytes) {
            for (int w = 0, n = 1 + random.nextInt(10); w < n; w++) s.append(w == 0 ? "" : " ").append("w").append(random.nextInt(500));
            s.append('\n');
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A split per block, unpacked, so that each map reads one block. */
    private static Job wordCount(Job job, String out) {
        return job.inputFormat(RawTextInputFormat.class).mapper(WordCount.TokenMapper.class).combiner(WordCount.IntSumReducer.class)
                .reducer(WordCount.IntSumReducer.class).reducers(2).mapOutput(Text.class, Integer.class).outputTypes(Text.class, Integer.class)
                .set(ConfKeys.SPLIT_SIZE, Long.toString(BLOCK)).set(ConfKeys.PACK_SIZE, "0")
                .input(namenode + "/in").output(out);
    }

    private static Path jar() throws Exception {
        Path jar = tmp.resolve("wordcount.jar");
        Files.write(jar, TestJars.of(WordCount.class, WordCount.TokenMapper.class, WordCount.IntSumReducer.class,
                Class.forName("dev.mr.jobs.Words")));
        return jar;
    }

    /** What a client of this cluster holds: the master's address; dfs: by default, as mr-submit. */
    private static Configuration client(LocalCluster cluster) {
        return new Configuration().set(ConfKeys.MASTER, cluster.master.url()).set(ConfKeys.DEFAULT_FS, "dfs");
    }

    /** The part files of the same WordCount by the local runner, in order. */
    private static List<String> localOutput(LocalCluster cluster) throws Exception {
        Path out = tmp.resolve("local");
        Job local = wordCount(Job.create(client(cluster)).name("local").set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.LOCAL_THREADS, "2"),
                "file:" + out);
        assertTrue(local.waitForCompletion(false), () -> "local job failed: " + local.result());
        List<String> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                parts.add(p.getFileName() + "\n" + Files.readString(p));
            }
        }
        return parts;
    }

    private static List<String> output(FileSystems fs, String dir) throws IOException {
        FsPath path = fs.resolve(dir);
        FileSystem store = fs.get(path);
        List<String> parts = new ArrayList<>();
        for (var f : store.list(path)) {
            if (!f.path().name().startsWith("part-")) continue;
            try (var in = store.open(f.path())) {
                parts.add(f.path().name() + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        parts.sort(null);
        return parts;
    }
}
