package dev.mr.hadoop;

import dev.mr.api.Configuration;
import java.io.File;
import java.util.Map;

/**
 * The Hadoop configuration a process uses, built as Hadoop users expect: Hadoop's defaults, then
 * {@code core-site.xml} and {@code hdfs-site.xml} from {@code $HADOOP_CONF_DIR} (this process's
 * environment: each daemon reads its host's), then the job's own {@code fs.*}, {@code dfs.*},
 * {@code hadoop.*} and {@code ipc.*} settings ({@code -D} on the command line), which travel with
 * the job to its tasks.
 */
public final class HadoopSettings {

    /** The job settings that reach Hadoop's client: the prefixes its file systems read. */
    static final String[] PREFIXES = {"fs.", "dfs.", "hadoop.", "ipc."};

    private HadoopSettings() {}

    public static org.apache.hadoop.conf.Configuration from(Configuration job) {
        return from(job, System.getenv("HADOOP_CONF_DIR"));
    }

    static org.apache.hadoop.conf.Configuration from(Configuration job, String confDir) {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        if (confDir != null && !confDir.isBlank()) {
            for (String name : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                File f = new File(confDir, name);
                if (f.isFile()) conf.addResource(new org.apache.hadoop.fs.Path(f.toURI()));
            }
        }
        for (Map.Entry<String, String> e : job.asMap().entrySet()) {
            for (String prefix : PREFIXES) {
                if (e.getKey().startsWith(prefix)) {
                    conf.set(e.getKey(), e.getValue(), "job setting");
                    break;
                }
            }
        }
        return conf;
    }
}
