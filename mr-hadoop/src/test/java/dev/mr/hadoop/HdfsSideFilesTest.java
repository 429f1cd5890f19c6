package dev.mr.hadoop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.GenericOptions;
import dev.mr.api.InvalidJobException;
import dev.mr.jobs.MapSideJoin;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lookup table that already lives in HDFS ships with {@code -files hdfs://nn/path#alias} as a
 * local one does: the example map-side join reads it through {@code context.cacheFile} and writes
 * the same bytes as with the table shipped from a local file; a table that is not there refuses the
 * job before it runs, naming it. (Through real daemons: ExternalStoresIT in the scripts module.)
 */
class HdfsSideFilesTest {

    @TempDir
    static Path tmp;
    static MiniDFSCluster hdfs;
    static String nn;

    @BeforeAll
    static void start() throws Exception {
        org.apache.hadoop.conf.Configuration hc = new org.apache.hadoop.conf.Configuration();
        hc.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(hc).numDataNodes(1).build();
        hdfs.waitActive();
        nn = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) hdfs.shutdown();
    }

    @Test
    void aFilesTableInHdfsShipsAsALocalOneDoes() throws Exception {
        StringBuilder table = new StringBuilder();
        StringBuilder orders = new StringBuilder();
        for (int i = 0; i < 500; i++) table.append("c").append(i).append("\tname-").append(i * 31 % 97).append('\n');
        for (int i = 0; i < 3000; i++) orders.append("c").append(i * 7 % 550).append('\t').append(i).append('\n');
        Path localTable = Files.writeString(tmp.resolve("customers.tsv"), table);
        Path in = Files.writeString(tmp.resolve("orders.tsv"), orders);
        org.apache.hadoop.fs.FileSystem fs = hdfs.getFileSystem();
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/ref/customers.tsv"))) {
            out.write(table.toString().getBytes(StandardCharsets.UTF_8));
        }

        Path fromLocal = tmp.resolve("out-local");
        Path fromHdfs = tmp.resolve("out-hdfs");
        assertTrue(join(localTable + "#small", in, fromLocal));
        assertTrue(join(nn + "/ref/customers.tsv#small", in, fromHdfs));
        byte[] expected = Files.readAllBytes(fromLocal.resolve("part-m-00000"));
        assertTrue(new String(expected, StandardCharsets.UTF_8).contains("\tname-"), "the join found matches");
        assertArrayEquals(expected, Files.readAllBytes(fromHdfs.resolve("part-m-00000")));

        InvalidJobException e = assertThrows(InvalidJobException.class, () -> join(nn + "/ref/nothing.tsv#small", in, tmp.resolve("never")));
        assertEquals("-files: " + nn + "/ref/nothing.tsv does not exist", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("never")), "a refused job writes nothing");
    }

    private static boolean join(String files, Path in, Path out) throws Exception {
        GenericOptions opts = GenericOptions.parse("-files", files, "-D", ConfKeys.FRAMEWORK + "=local", in.toString(), out.toString());
        return MapSideJoin.job(opts).waitForCompletion(false);
    }
}
