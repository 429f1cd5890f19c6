package dev.mr.streaming;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Text;
import dev.mr.api.io.RawTextInputFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Hadoop Streaming's command line as a job's settings, so that its scripts port as they are:
 *
 * <pre>
 * -input IN [-input IN2 ...] -output OUT -mapper CMD [-combiner CMD] -reducer CMD|NONE
 * [-file F ...] [-files F,G] [-numReduceTasks N] [-inputformat text|key-value|CLASS] [-cmdenv K=V ...]
 * [-D key=value ...] [--local] [--master URL]
 * </pre>
 *
 * Flags may come in any order ({@code -D} before the others, as Hadoop's generic options, too);
 * {@code -reducer NONE} or {@code -numReduceTasks 0} makes a map-only job. Pure: no I/O.
 */
public final class StreamingArgs {

    static final String USAGE = "usage: mr-streaming -input IN [-input IN ...] -output OUT -mapper CMD [-combiner CMD] -reducer CMD|NONE\n"
            + "       [-file F ...] [-numReduceTasks N] [-inputformat text|key-value] [-cmdenv K=V ...] [-D key=value ...]\n"
            + "       [--local | --master URL]";

    private static final String IDENTITY = "cat";

    private StreamingArgs() {}

    /**
     * The job's settings for {@code argv}.
     *
     * @throws IllegalArgumentException naming the flag that is missing, unknown or malformed
     */
    public static Configuration parse(String... argv) {
        Configuration conf = new Configuration();
        List<String> inputs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String output = null, mapper = null, reducer = null, combiner = null, reducers = null;
        for (int i = 0; i < argv.length; i++) {
            String flag = argv[i];
            if (flag.startsWith("-D") && flag.length() > 2) {
                setting(conf, flag, flag.substring(2));
                continue;
            }
            if (flag.equals("--local")) {
                conf.set(ConfKeys.FRAMEWORK, "local");
                continue;
            }
            if (flag.startsWith("--master=")) {
                conf.set(ConfKeys.MASTER, flag.substring("--master=".length()));
                continue;
            }
            if (!flag.startsWith("-")) throw new IllegalArgumentException("unexpected argument '" + flag + "': every value follows its flag");
            if (i + 1 >= argv.length) throw new IllegalArgumentException(flag + " needs a value after it");
            String value = argv[++i];
            switch (flag) {
                case "-input" -> inputs.addAll(List.of(value.split(",")));
                case "-output" -> output = value;
                case "-mapper" -> mapper = command(value);
                case "-combiner" -> combiner = command(value);
                case "-reducer" -> reducer = value.equals("NONE") ? "NONE" : command(value);
                case "-file" -> files.add(value);
                case "-files" -> files.addAll(List.of(value.split(",")));
                case "-numReduceTasks" -> reducers = count(value);
                case "-inputformat" -> conf.set(StreamingKeys.INPUT, inputFormat(value));
                case "-cmdenv" -> cmdenv(conf, value);
                case "-D", "-jobconf" -> setting(conf, flag, value);
                case "--master" -> conf.set(ConfKeys.MASTER, value);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        inputs.removeIf(String::isBlank);
        if (inputs.isEmpty()) throw new IllegalArgumentException("-input IN is needed");
        if (output == null) throw new IllegalArgumentException("-output OUT is needed");
        if (mapper == null) throw new IllegalArgumentException("-mapper CMD is needed");
        if (reducer == null && !"0".equals(reducers)) throw new IllegalArgumentException("-reducer CMD is needed (or -reducer NONE, or -numReduceTasks 0, for a map-only job)");
        boolean mapOnly = "NONE".equals(reducer) || "0".equals(reducers);

        conf.set(ConfKeys.JOB_NAME, conf.get(ConfKeys.JOB_NAME, "streaming: " + mapper + (mapOnly ? "" : " | " + reducer)));
        conf.setList(ConfKeys.INPUT_PATHS, inputs);
        conf.set(ConfKeys.OUTPUT_PATH, output);
        conf.set(ConfKeys.INPUT_FORMAT, RawTextInputFormat.class.getName());
        conf.set(ConfKeys.MAPPER, PipeMapper.class.getName());
        conf.set(StreamingKeys.MAPPER, mapper);
        conf.set(ConfKeys.MAP_OUTPUT_KEY, Text.class.getName());
        conf.set(ConfKeys.MAP_OUTPUT_VALUE, Text.class.getName());
        conf.set(ConfKeys.OUTPUT_KEY, Text.class.getName());
        conf.set(ConfKeys.OUTPUT_VALUE, Text.class.getName());
        if (mapOnly) {
            conf.setInt(ConfKeys.REDUCERS, 0);
        } else {
            conf.set(ConfKeys.REDUCER, PipeReducer.class.getName());
            conf.set(StreamingKeys.REDUCER, reducer);
            if (reducers != null) conf.set(ConfKeys.REDUCERS, reducers);
            if (combiner != null) conf.set(StreamingKeys.COMBINER, combiner);
        }
        if (!files.isEmpty()) {
            List<String> all = new ArrayList<>(conf.getList(ConfKeys.JOB_FILES));
            all.addAll(files);
            conf.setList(ConfKeys.JOB_FILES, all);
        }
        return conf;
    }

    /** A command, or Hadoop's identity classes given by name (as {@code -mapper org.apache.hadoop.mapred.lib.IdentityMapper}). */
    private static String command(String value) {
        if (value.isBlank()) throw new IllegalArgumentException("empty command");
        return switch (value) {
            case "org.apache.hadoop.mapred.lib.IdentityMapper", "org.apache.hadoop.mapred.lib.IdentityReducer" -> IDENTITY;
            default -> value;
        };
    }

    private static String count(String value) {
        try {
            if (Integer.parseInt(value) >= 0) return value;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("-numReduceTasks wants a whole number of 0 or more, got '" + value + "'");
    }

    private static String inputFormat(String value) {
        return switch (value) {
            case "text", "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.mapreduce.lib.input.TextInputFormat" -> "text";
            case "key-value", "org.apache.hadoop.mapred.KeyValueTextInputFormat",
                    "org.apache.hadoop.mapreduce.lib.input.KeyValueTextInputFormat" -> "key-value";
            default -> throw new IllegalArgumentException("-inputformat is text or key-value (or Hadoop's TextInputFormat or KeyValueTextInputFormat), not " + value);
        };
    }

    private static void cmdenv(Configuration conf, String kv) {
        int eq = kv.indexOf('=');
        // errors name the variable, never its value: it may be a credential (AWS_SECRET_ACCESS_KEY=...)
        if (eq < 0) throw new IllegalArgumentException("-cmdenv " + kv + ": expected NAME=VALUE");
        if (eq == 0) throw new IllegalArgumentException("-cmdenv =...: the name before '=' is empty; expected NAME=VALUE");
        String name = kv.substring(0, eq);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("-cmdenv " + name + "=...: " + name + " is not a variable name");
        conf.set(StreamingKeys.CMDENV_PREFIX + name, kv.substring(eq + 1));
    }

    private static void setting(Configuration conf, String flag, String kv) {
        int eq = kv.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException(flag + " " + kv + ": expected key=value");
        if (eq == 0) throw new IllegalArgumentException(flag + " =...: the key before '=' is empty; expected key=value"); // what follows may be a secret
        conf.set(kv.substring(0, eq).trim(), kv.substring(eq + 1));
    }
}
