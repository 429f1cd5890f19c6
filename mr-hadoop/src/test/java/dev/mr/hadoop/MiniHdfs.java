package dev.mr.hadoop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for tests: a NameNode and three DataNodes of Hadoop's {@link MiniDFSCluster} in this
 * JVM, on free ports under a temporary directory, with permissions checked. Start one per test
 * class (about 5-10 s); {@link #close} shuts it down.
 */
public final class MiniHdfs implements AutoCloseable {

    /**
     * The smallest block the NameNode allows (dfs.namenode.fs-limits.min-block-size): a few MiB of
     * text make several. The writing client chooses a file's block size: set {@code dfs.blocksize} on it.
     */
    public static final long BLOCK = 1 << 20;

    /** The connect timeout of every Hadoop RPC client in a JVM that starts a MiniHdfs first. */
    public static final int CONNECT_TIMEOUT_MS = 1000;

    /** The host names the DataNodes report, as three machines would. */
    public static final Set<String> HOSTS = Set.of("host1", "host2", "host3");

    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    public static MiniHdfs start(Path dir) throws IOException {
        org.apache.hadoop.conf.Configuration hc = new org.apache.hadoop.conf.Configuration();
        hc.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        hc.setBoolean("dfs.permissions.enabled", true);
        // Hadoop's IPC client is one per JVM and reads its connect timeout from the first conf that makes it: this one
        hc.setInt("ipc.client.connect.timeout", CONNECT_TIMEOUT_MS);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(hc).numDataNodes(3).hosts(new String[] {"host1", "host2", "host3"}).build();
        try {
            cluster.waitActive();
        } catch (IOException | RuntimeException e) {
            cluster.shutdown();
            throw e;
        }
        return new MiniHdfs(cluster);
    }

    /** {@code hdfs://localhost:PORT}: the NameNode's RPC address. */
    public String uri() {
        return "hdfs://localhost:" + cluster.getNameNodePort();
    }

    /** The NameNode's web (HTTP) port: a live port that does not speak Hadoop RPC. */
    public int httpPort() {
        return cluster.getNameNode().getHttpAddress().getPort();
    }

    /** A Hadoop client as the NameNode's own user, the superuser: for setting up what mr's client may not do. */
    public org.apache.hadoop.fs.FileSystem superuser() throws IOException {
        return cluster.getFileSystem();
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
