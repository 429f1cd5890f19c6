package dev.mr.dfs;

import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;

import dev.mr.api.Configuration;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.FsckSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

/** Shared helpers of the mini-cluster tests: fast settings, data and digests. */
final class TestClusters {

    static final long CHUNK = 128 << 10;

    private TestClusters() {}

    /** Small chunks (two checksum windows) and short timers, so failures heal in about a second. */
    static Configuration fastConf() {
        return new Configuration()
                .setLong(DfsSettings.CHUNK_SIZE, CHUNK)
                .setInt(DfsSettings.REPLICATION, 3)
                .setLong(DfsSettings.SERVER_EXPIRY_MS, 1200)
                .setLong(DfsSettings.HEARTBEAT_MS, 100)
                .setLong(DfsSettings.REPORT_INTERVAL_MS, 1000)
                .setLong(DfsSettings.LEASE_EXPIRY_MS, 1500)
                .setLong(DfsSettings.COPY_TIMEOUT_MS, 5000)
                .setLong(DfsSettings.TICK_MS, 50)
                .setLong(DfsSettings.SCRUB_INTERVAL_MS, 0)
                .setLong(DfsSettings.IO_TIMEOUT_MS, 10_000);
    }

    static DfsSettings fast() {
        return DfsSettings.from(fastConf());
    }

    /**
     * {@link #fast()}, but a chunk server is declared dead only after 60 s without a heartbeat:
     * for tests that assert where replicas are placed and do not test failure detection. With
     * the fast 1.2 s expiry a loaded machine's pause can expire a server for a moment, and a chunk
     * allocated then gets only the two live servers (as it should), failing such an assertion.
     */
    static DfsSettings steady() {
        return DfsSettings.from(fastConf().setLong(DfsSettings.SERVER_EXPIRY_MS, 60_000));
    }

    /** A client of {@code cluster} that reads and writes every replica over HTTP, as a client on another host does. */
    static DfsClient httpOnlyClient(MiniDfsCluster cluster) {
        return cluster.client(DfsSettings.from(fastConf().setBoolean(DfsSettings.SHORT_CIRCUIT, false)));
    }

    static byte[] data(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static void put(DfsClient client, String path, byte[] bytes) throws IOException {
        try (OutputStream out = client.create(path, 0, 0)) {
            // uneven writes, to cross packet and chunk boundaries at odd places
            int off = 0;
            Random r = new Random(bytes.length);
            while (off < bytes.length) {
                int n = Math.min(bytes.length - off, 1 + r.nextInt(100_000));
                out.write(bytes, off, n);
                off += n;
            }
        }
    }

    static byte[] get(DfsClient client, String path) throws IOException {
        try (InputStream in = client.open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static FsckSummary fsck(DfsClient client) throws IOException {
        return client.fsck("/").summary();
    }

    /** The files of every replica of {@code chunk} held by the cluster's servers, in server order. */
    static java.util.List<java.nio.file.Path> replicaFiles(MiniDfsCluster cluster, String chunk) {
        java.util.List<java.nio.file.Path> out = new java.util.ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) {
            java.nio.file.Path p = cluster.chunkDir(i).resolve(chunk + ".data");
            if (java.nio.file.Files.exists(p)) out.add(p);
        }
        return out;
    }

    /** Flips one bit of the byte at {@code offset} of a file. */
    static void flip(java.nio.file.Path file, long offset) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x10));
            b.rewind();
            ch.write(b, offset);
        }
    }

    /** Count of replica data files across the cluster's chunk directories. */
    static int replicaCount(MiniDfsCluster cluster) throws IOException {
        int n = 0;
        for (int i = 0; i < cluster.size(); i++) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(cluster.chunkDir(i))) {
                n += (int) files.filter(p -> p.getFileName().toString().endsWith(".data")).count();
            }
        }
        return n;
    }

    /** A mini cluster of 3 chunk servers, returned once all 3 are live at the master (closed if they never are). */
    static MiniDfsCluster startLive(java.nio.file.Path dir, DfsSettings settings) throws Exception {
        MiniDfsCluster cluster = MiniDfsCluster.start(dir, 3, settings);
        try {
            // a deadline that only ends a hang: at a load of 26 on 2 cores the first heartbeats took longer than 5 s
            await(Duration.ofSeconds(30), "3 live chunk servers", quietly(() -> cluster.client().health().servers().size() == 3));
            return cluster;
        } catch (Throwable t) {
            cluster.close();
            throw t;
        }
    }
}
