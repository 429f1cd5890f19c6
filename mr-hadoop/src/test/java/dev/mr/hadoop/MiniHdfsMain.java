package dev.mr.hadoop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@link MiniHdfs} as a process of its own, for {@code scripts/mr-bench dfs}: the benchmark's anchor is Hadoop's own
 * store, the one the tests start (a NameNode and three DataNodes in one JVM, replication 3), run as dfs-lite's
 * standalone store runs.
 *
 * <p>{@code MiniHdfsMain DIR}: starts a new cluster under DIR, writes its {@code hdfs://host:port} to
 * {@code DIR/namenode.uri} once every DataNode has registered (written whole, so that a reader polling for the file
 * never sees half of it), and runs until killed; a shutdown hook stops the cluster on SIGTERM.
 */
public final class MiniHdfsMain {
    private MiniHdfsMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MiniHdfsMain DIR   (a 3-DataNode HDFS under DIR; its hdfs:// address goes to DIR/namenode.uri)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        MiniHdfs hdfs = MiniHdfs.start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(hdfs::close, "minihdfs-shutdown"));
        Path partial = dir.resolve("namenode.uri.partial");
        Files.writeString(partial, hdfs.uri() + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, dir.resolve("namenode.uri"), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("MiniHdfsMain: " + hdfs.uri() + " with 3 DataNodes under " + dir);
        Thread.currentThread().join();
    }
}
