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
}
