package dev.mr.streaming.pipe;

import dev.mr.api.Configuration;
import dev.mr.api.SensitiveKeys;
import dev.mr.api.TaskInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a streaming command runs with, as Hadoop Streaming builds it: the worker's own
 * environment; every job setting, named with each character other than a letter, digit or
 * underscore turned into {@code _} ({@code mr.reducers} is {@code mr_reducers}); the task's
 * identity under our names and Hadoop's; the {@code -cmdenv} variables; and {@code PATH} starting
 * with the working directory, so that a shipped script runs by its name as in Hadoop.
 *
 * <p>Credentials ({@link SensitiveKeys}: {@code fs.s3a.secret.key}, {@code fs.s3a.access.key},
 * anything named a secret, password or token, and what the job's
 * {@code hadoop.security.sensitive-config-keys} adds) are left out, unlike in Hadoop Streaming: a
 * child's environment is readable by anything running as the same user and is easily printed by
 * a script ({@code env}, a failing shell's trace). A command that needs one is given it by name
 * with {@code -cmdenv}. Values over 20,000 characters (cut points, long lists: Linux refuses a
 * too large environment) are left out too.
 */
public final class CommandEnvironment {

    private static final int VALUE_MAX = 20_000;

    private CommandEnvironment() {}

    public static Map<String, String> of(Map<String, String> inherited, Configuration conf, Map<String, String> cmdenv,
                                         TaskInfo task, Path workDir) {
        Map<String, String> env = new TreeMap<>(inherited);
        SensitiveKeys sensitive = SensitiveKeys.of(conf.asMap());
        conf.asMap().forEach((k, v) -> {
            if (!sensitive.isSensitive(k) && v.length() <= VALUE_MAX) env.put(name(k), v);
        });
        String taskId = taskId(task.attemptId());
        put(env, task.jobId(), "mr_job_id", "mapreduce_job_id");
        put(env, taskId, "mr_task_id", "mapreduce_task_id");
        put(env, task.attemptId(), "mr_task_attempt_id", "mapreduce_task_attempt_id");
        put(env, Integer.toString(task.partition()), "mr_task_partition", "mapreduce_task_partition");
        put(env, Boolean.toString(task.isMap()), "mr_task_is_map", "mapreduce_task_ismap");
        if (task.inputPath() != null) put(env, task.inputPath(), "map_input_file", "mapreduce_map_input_file");
        env.putAll(cmdenv);
        String path = env.get("PATH");
        env.put("PATH", workDir + (path == null || path.isEmpty() ? ":/usr/local/bin:/usr/bin:/bin" : ":" + path));
        return env;
    }

    /** A setting's name as a variable name, as Hadoop makes it. */
    static String name(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return sb.toString();
    }

    /** {@code job_0001_m_000003} of the attempt {@code job_0001_m_000003_1}. */
    static String taskId(String attemptId) {
        int i = attemptId.lastIndexOf('_');
        return i > 0 ? attemptId.substring(0, i) : attemptId;
    }

    private static void put(Map<String, String> env, String value, String... names) {
        for (String n : names) env.put(n, value);
    }
}
