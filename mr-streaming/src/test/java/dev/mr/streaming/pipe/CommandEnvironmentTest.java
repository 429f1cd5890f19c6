package dev.mr.streaming.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mr.api.Configuration;
import dev.mr.api.TaskInfo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command sees the job's settings and its task's identity under Hadoop's names, and never a secret. */
class CommandEnvironmentTest {

    @Test
    void settingsTaskAndCmdenvAreExportedAsHadoopNamesThem() {
        Configuration conf = new Configuration().set("mr.reducers", "3").set("my-app.threshold", "0.5")
                .set("mr.security.token.file", "/secret/path").set("db.password", "hunter2").set("huge", "x".repeat(30_000));
        TaskInfo task = new TaskInfo("job_0007", "job_0007_m_000004_1", "w1", 4, "dfs:/in/a.txt");
        Map<String, String> env = CommandEnvironment.of(Map.of("PATH", "/usr/bin", "HOME", "/root"), conf, Map.of("LANG", "C.UTF-8"),
                task, Path.of("/tmp/wd"));
        assertEquals("3", env.get("mr_reducers"));
        assertEquals("0.5", env.get("my_app_threshold"));
        assertEquals("job_0007", env.get("mr_job_id"));
        assertEquals("job_0007", env.get("mapreduce_job_id"));
        assertEquals("job_0007_m_000004", env.get("mr_task_id"));
        assertEquals("job_0007_m_000004_1", env.get("mr_task_attempt_id"));
        assertEquals("4", env.get("mr_task_partition"));
        assertEquals("true", env.get("mr_task_is_map"));
        assertEquals("dfs:/in/a.txt", env.get("map_input_file"));
        assertEquals("C.UTF-8", env.get("LANG"));
        assertEquals("/root", env.get("HOME"));
        assertEquals("/tmp/wd:/usr/bin", env.get("PATH"), "shipped scripts run by their name, as in Hadoop");
        assertFalse(env.containsKey("mr_security_token_file"));
        assertFalse(env.containsKey("db_password"));
        assertFalse(env.containsKey("huge"), "a value too large for an environment is left out");
    }

    /**
     * Hadoop Streaming exports every setting; a store credential in a child's environment is one
     * {@code env} away from a task log, so we leave out what {@code SensitiveKeys} calls one (the
     * job's own patterns included) and export only what {@code -cmdenv} names on purpose.
     */
    @Test
    void storeCredentialsAreNotExportedUnlessCmdenvNamesThem() {
        Configuration conf = new Configuration().set("fs.s3a.secret.key", "s3cr3t").set("fs.s3a.access.key", "AKIA1")
                .set("fs.s3a.bucket.logs.secret.key", "s3cr3t2").set("fs.azure.account.key.acct.blob.core.windows.net", "azk")
                .set("fs.s3a.endpoint", "http://127.0.0.1:9000").set("hadoop.security.sensitive-config-keys", "^acme\\.")
                .set("acme.pin", "4242");
        TaskInfo task = new TaskInfo("job_0007", "job_0007_m_000004_1", "w1", 4, null);
        Map<String, String> env = CommandEnvironment.of(Map.of(), conf, Map.of("AWS_SECRET_ACCESS_KEY", "given"), task, Path.of("/wd"));
        for (String v : env.values()) {
            assertFalse(v.equals("s3cr3t") || v.equals("AKIA1") || v.equals("s3cr3t2") || v.equals("azk") || v.equals("4242"), env.toString());
        }
        assertEquals("http://127.0.0.1:9000", env.get("fs_s3a_endpoint"));
        assertEquals("given", env.get("AWS_SECRET_ACCESS_KEY"), "what -cmdenv names is the user's choice");
    }
}
