package dev.mr.hadoop;

import dev.mr.api.Configuration;
import java.io.File;
import java.util.Map;
import org.apache.hadoop.hdfs.HdfsConfiguration;

/**
 * The Hadoop configuration a process uses, built as Hadoop users expect: Hadoop's defaults, then
 * {@code core-site.xml} and {@code hdfs-site.xml} from {@code $HADOOP_CONF_DIR} (this process's
 * environment: each daemon reads its host's), then the job's own {@code fs.*}, {@code dfs.*},
 * {@code hadoop.*} and {@code ipc.*} settings ({@code -D} on the command line), which travel with
 * the job to its tasks. A job may not set {@code fs.*.impl}: which class serves a scheme is the
 * administrator's choice, since the master opens the job's output with these settings.
 *
 * <p>Under all of these, where neither a site file nor the job sets them, {@link #CLIENT_DEFAULTS}
 * make an unreachable NameNode fail a call in seconds rather than minutes.
 */
public final class HadoopSettings {

    /** The job settings that reach Hadoop's client: the prefixes its file systems read. */
    static final String[] PREFIXES = {"fs.", "dfs.", "hadoop.", "ipc."};

    /**
     * Timeouts and retries of mr's choosing, each applied only when no site file nor the job sets
     * it. A NameNode whose port refuses connections already fails at once (HDFS's client does not
     * retry a refused connection unless {@code dfs.client.retry.policy.enabled}); a host that does
     * not answer at all would hold every call for 46 connection attempts of 20 s, 15 minutes, and
     * an HA pair that is down for 15 failovers with backoff up to 15 s, about 3 minutes.
     */
    static final Map<String, String> CLIENT_DEFAULTS = Map.of(
            "ipc.client.connect.timeout", "5000", // ms per connection attempt (Hadoop: 20000)
            "ipc.client.connect.max.retries.on.timeouts", "1", // a silent host: 2 attempts, 10 s (Hadoop: 45 retries)
            "dfs.client.failover.max.attempts", "4", // HA: enough to find the active of two NameNodes (Hadoop: 15)
            "dfs.client.failover.sleep.max.millis", "2000"); // the backoff between failovers capped at 2 s (Hadoop: 15 s)

    private static final String SENSITIVE_KEYS = "hadoop.security.sensitive-config-keys";

    private HadoopSettings() {}

    public static org.apache.hadoop.conf.Configuration from(Configuration job) {
        return from(job, System.getenv("HADOOP_CONF_DIR"));
    }

    /** @throws IllegalArgumentException when the job sets a key it may not ({@code fs.*.impl}) */
    static org.apache.hadoop.conf.Configuration from(Configuration job, String confDir) {
        // HDFS's defaults and a class-path hdfs-site.xml load now, not when the first client is made: setByUser must see them
        org.apache.hadoop.conf.Configuration conf = new HdfsConfiguration();
        if (confDir != null && !confDir.isBlank()) {
            for (String name : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                File f = new File(confDir, name);
                if (f.isFile()) conf.addResource(new org.apache.hadoop.fs.Path(f.toURI()));
            }
        }
        for (Map.Entry<String, String> d : CLIENT_DEFAULTS.entrySet()) {
            if (!setByUser(conf, d.getKey())) conf.set(d.getKey(), d.getValue(), "mr-hadoop client default");
        }
        for (Map.Entry<String, String> e : job.asMap().entrySet()) {
            if (e.getKey().endsWith(".impl") && e.getKey().startsWith("fs.")) {
                throw new IllegalArgumentException("-D " + e.getKey() + " is refused: a job may not choose Hadoop's file system classes, which"
                        + " the master instantiates to check and commit the job's output; set it in core-site.xml under $HADOOP_CONF_DIR");
            }
            if (e.getKey().equals(SENSITIVE_KEYS)) {
                // as in mr's own SensitiveKeys, a job's patterns add to the list and never unmask what it masks
                conf.set(SENSITIVE_KEYS, conf.get(SENSITIVE_KEYS, "") + "," + e.getValue(), "job setting");
                continue;
            }
            for (String prefix : PREFIXES) {
                if (e.getKey().startsWith(prefix)) {
                    conf.set(e.getKey(), e.getValue(), "job setting");
                    break;
                }
            }
        }
        return conf;
    }

    /** Whether a site file (on the class path or in the conf dir) sets {@code key}: not only Hadoop's *-default.xml. */
    private static boolean setByUser(org.apache.hadoop.conf.Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        if (sources == null) return false;
        for (String s : sources) if (!s.endsWith("-default.xml")) return true;
        return false;
    }
}
