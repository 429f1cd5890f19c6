package dev.mr.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HdfsSmokeTest {
    @Test
    void writesAndReads(@TempDir Path dir) throws Exception {
        org.apache.hadoop.conf.Configuration hc = new org.apache.hadoop.conf.Configuration();
        hc.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        long t0 = System.nanoTime();
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(hc).numDataNodes(3).hosts(new String[] {"host1", "host2", "host3"}).build();
        System.out.println("minicluster up in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        try {
            cluster.waitActive();
            String nn = "hdfs://localhost:" + cluster.getNameNodePort();
            try (FileSystems fss = new FileSystems(new Configuration())) {
                FsPath p = fss.resolve(nn + "/in/a.txt");
                FileSystem fs = fss.get(p);
                try (OutputStream out = fs.create(p)) {
                    out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                }
                assertEquals(6, fs.status(p).length());
                System.out.println(fs.list(p.parent()) + " " + fs.locations(p, 0, 6));
                assertEquals("hello\n", new String(fs.open(p).readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            cluster.shutdown();
        }
    }
}
