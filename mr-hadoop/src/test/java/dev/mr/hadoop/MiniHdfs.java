package dev.mr.hadoop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A 3-DataNode HDFS in one process, for {@code scripts/mr-bench dfs}: the benchmark's anchor is Hadoop's own
 * store, the one the tests start, run the way dfs-lite's standalone store runs (a NameNode and three data servers
 * in one JVM, replication 3, no background scanning of blocks).
 *
 * <p>{@code MiniHdfs DIR}: formats a new cluster under DIR, writes the NameNode's RPC port to {@code DIR/namenode.port}
 * once every DataNode has registered (written whole, so a reader polling for the file never sees half of it), and
 * runs until killed; a shutdown hook stops the cluster on SIGTERM. Logging is the test class path's (warnings only).
 */
public final class MiniHdfs {
    private MiniHdfs() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MiniHdfs DIR   (a 3-DataNode HDFS under DIR; its NameNode port goes to DIR/namenode.port)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        conf.setInt("dfs.replication", 3);
        // the block scanner re-reads new blocks in the background; dfs-lite's store runs without its scrubber here too
        conf.setLong("dfs.block.scanner.volume.bytes.per.second", 0);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(3).storagesPerDatanode(1).build();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown, "minihdfs-shutdown"));
        cluster.waitActive();
        writePort(dir, cluster.getNameNodePort());
        System.out.println("MiniHdfs: hdfs://127.0.0.1:" + cluster.getNameNodePort() + " with 3 DataNodes under " + dir);
        Thread.currentThread().join();
    }

    private static void writePort(Path dir, int port) throws IOException {
        Path partial = dir.resolve("namenode.port.partial");
        Files.writeString(partial, port + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, dir.resolve("namenode.port"), StandardCopyOption.ATOMIC_MOVE);
    }
}
