package dev.mr.master.jobs;

import dev.mr.api.io.FormatNames;
import dev.mr.api.ConfKeys;
import dev.mr.api.SensitiveKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code mr-submit} command line that submits a job again, in its driverless form
 * ({@code mr-submit --master URL --jar JAR --mapper C ... -D key=value}): the settings the
 * user gave, with the well-known ones as flags and every other one as {@code -D}, quoted for a
 * POSIX shell. A credential's value ({@link SensitiveKeys}: {@code fs.s3a.secret.key} and the
 * like, and whatever the job's {@code hadoop.security.sensitive-config-keys} adds) is shown as
 * {@value SensitiveKeys#REDACTED}: the command is shown on the job's page. Stateless.
 */
public final class SubmitCommand {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** Settings shown as their own flag, in this order. */
    private static final Map<String, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put(ConfKeys.JOB_NAME, "--name");
        FLAGS.put(ConfKeys.MAPPER, "--mapper");
        FLAGS.put(ConfKeys.COMBINER, "--combiner");
        FLAGS.put(ConfKeys.REDUCER, "--reducer");
        FLAGS.put(ConfKeys.REDUCERS, "--reducers");
        FLAGS.put(ConfKeys.INPUT_FORMAT, "--input-format");
        FLAGS.put(ConfKeys.OUTPUT_FORMAT, "--output-format");
        FLAGS.put(ConfKeys.INPUT_PATHS, "--input");
        FLAGS.put(ConfKeys.OUTPUT_PATH, "--output");
    }

    /** Settings that the command carries otherwise ({@code --master}, {@code --jar}) or that only make sense where it ran. */
    private static final List<String> OMITTED = List.of(ConfKeys.MASTER, ConfKeys.JOB_JAR, ConfKeys.FRAMEWORK);

    private SubmitCommand() {}

    /**
     * @param userConf the settings as submitted (not the master's defaults)
     * @param mapper   the mapper class, for when the user left the default
     */
    public static String of(String masterUrl, String jar, Map<String, String> userConf, String mapper) {
        return of(masterUrl, jar, userConf, mapper, SensitiveKeys.of(userConf));
    }

    /** Like {@link #of(String, String, Map, String)}, redacting what {@code sensitive} calls a credential. */
    public static String of(String masterUrl, String jar, Map<String, String> userConf, String mapper, SensitiveKeys sensitive) {
        Map<String, String> conf = new TreeMap<>(sensitive.redacted(userConf));
        StringBuilder sb = new StringBuilder("mr-submit --master ").append(quote(masterUrl)).append(" --jar ").append(quote(jar));
        conf.putIfAbsent(ConfKeys.MAPPER, mapper);
        for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
            String v = conf.remove(flag.getKey());
            if (v == null) continue;
            if (flag.getKey().equals(ConfKeys.INPUT_FORMAT)) v = FormatNames.inputName(v);
            if (flag.getKey().equals(ConfKeys.OUTPUT_FORMAT)) v = FormatNames.outputName(v);
            sb.append(' ').append(flag.getValue()).append(' ').append(quote(v));
        }
        for (Map.Entry<String, String> e : conf.entrySet()) {
            if (OMITTED.contains(e.getKey())) continue;
            sb.append(" -D ").append(quote(e.getKey() + "=" + e.getValue()));
        }
        return sb.toString();
    }

    static String quote(String s) {
        if (!s.isEmpty() && PLAIN.matcher(s).matches()) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
