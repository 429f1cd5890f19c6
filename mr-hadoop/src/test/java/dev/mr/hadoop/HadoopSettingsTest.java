package dev.mr.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hadoop user's settings must reach Hadoop's client as they would in Hadoop: the site files of
 * {@code $HADOOP_CONF_DIR}, then a job's {@code -D fs.* / dfs.* / ipc.* / hadoop.*} over them; and
 * mr's own timeouts only where the user set nothing, so that a down NameNode fails in seconds
 * without overriding what an administrator chose.
 */
class HadoopSettingsTest {

    @TempDir
    Path confDir;

    private void site(String file, Map<String, String> props) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        props.forEach((k, v) -> xml.append("  <property><name>").append(k).append("</name><value>").append(v).append("</value></property>\n"));
        Files.writeString(confDir.resolve(file), xml.append("</configuration>\n"));
    }

    @Test
    void siteFilesOfTheConfDirApplyAndTheJobsSettingsOverrideThem() throws IOException {
        site("core-site.xml", Map.of("fs.defaultFS", "hdfs://nn1:8020", "hadoop.tmp.dir", "/site/tmp"));
        site("hdfs-site.xml", Map.of("dfs.replication", "2", "dfs.blocksize", "64m"));
        Configuration job = new Configuration().set("dfs.replication", "1").set("fs.s3a.endpoint", "http://s3.local")
                .set("mr.reducers", "3").set("files.x", "no prefix of Hadoop's");

        org.apache.hadoop.conf.Configuration conf = HadoopSettings.from(job, confDir.toString());
        assertEquals("hdfs://nn1:8020", conf.get("fs.defaultFS"), "core-site.xml");
        assertEquals("/site/tmp", conf.get("hadoop.tmp.dir"));
        assertEquals(64L << 20, conf.getLongBytes("dfs.blocksize", 0), "hdfs-site.xml");
        assertEquals("1", conf.get("dfs.replication"), "the job's -D wins over the site file");
        assertEquals("http://s3.local", conf.get("fs.s3a.endpoint"));
        assertNull(conf.get("mr.reducers"), "mr's own settings stay out of Hadoop's");
        assertNull(conf.get("files.x"));
    }

    @Test
    void withoutAConfDirHadoopsDefaultsAndMrsTimeoutsApply() {
        org.apache.hadoop.conf.Configuration conf = HadoopSettings.from(new Configuration(), null);
        assertEquals("file:///", conf.get("fs.defaultFS"));
        assertEquals(5000, conf.getInt("ipc.client.connect.timeout", 0));
        assertEquals(1, conf.getInt("ipc.client.connect.max.retries.on.timeouts", 0));
        assertEquals(4, conf.getInt("dfs.client.failover.max.attempts", 0));
        assertEquals(2000, conf.getInt("dfs.client.failover.sleep.max.millis", 0));
        assertEquals(HadoopSettings.from(new Configuration(), confDir.resolve("absent").toString()).get("ipc.client.connect.timeout"), "5000",
                "a conf dir without site files changes nothing");
    }

    @Test
    void mrsTimeoutsGiveWayToASiteFileAndToTheJob() throws IOException {
        site("core-site.xml", Map.of("ipc.client.connect.timeout", "20000", "ipc.client.connect.max.retries.on.timeouts", "45"));
        site("hdfs-site.xml", Map.of("dfs.client.failover.max.attempts", "15"));
        Configuration job = new Configuration().set("ipc.client.connect.max.retries.on.timeouts", "3");

        org.apache.hadoop.conf.Configuration conf = HadoopSettings.from(job, confDir.toString());
        assertEquals(20000, conf.getInt("ipc.client.connect.timeout", 0), "the administrator's choice");
        assertEquals(15, conf.getInt("dfs.client.failover.max.attempts", 0));
        assertEquals(3, conf.getInt("ipc.client.connect.max.retries.on.timeouts", 0), "the job's choice over both");
        assertEquals(2000, conf.getInt("dfs.client.failover.sleep.max.millis", 0), "what nobody set is still mr's");
    }

    @Test
    void aJobsSensitiveKeyPatternsAddToHadoopsAndNeverReplaceThem() {
        String hadoops = HadoopSettings.from(new Configuration(), null).get("hadoop.security.sensitive-config-keys");
        org.apache.hadoop.conf.Configuration conf =
                HadoopSettings.from(new Configuration().set("hadoop.security.sensitive-config-keys", "acme\\.api\\.key$"), null);
        String merged = conf.get("hadoop.security.sensitive-config-keys");
        assertTrue(merged.contains("fs.s3a") && merged.endsWith(",acme\\.api\\.key$") && merged.startsWith(hadoops), merged);
    }

    @Test
    void aJobMayNotSwapTheClassThatServesAScheme() throws IOException {
        site("core-site.xml", Map.of("fs.hdfs.impl", "org.apache.hadoop.hdfs.DistributedFileSystem"));
        assertEquals("org.apache.hadoop.hdfs.DistributedFileSystem", HadoopSettings.from(new Configuration(), confDir.toString()).get("fs.hdfs.impl"),
                "the administrator's site file may");
        for (String key : new String[] {"fs.hdfs.impl", "fs.AbstractFileSystem.hdfs.impl", "fs.s3a.impl"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HadoopSettings.from(new Configuration().set(key, "org.apache.hadoop.fs.LocalFileSystem"), null));
            assertTrue(e.getMessage().startsWith("-D " + key + " is refused: a job may not choose Hadoop's file system classes"), e.getMessage());
        }
        assertEquals("true", HadoopSettings.from(new Configuration().set("fs.hdfs.impl.disable.cache", "true"), null).get("fs.hdfs.impl.disable.cache"));
    }
}
