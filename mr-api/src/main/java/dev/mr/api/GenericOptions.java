package dev.mr.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Separates the framework's options from a driver's own arguments, as Hadoop's
 * {@code GenericOptionsParser} does: {@code -D key=value} (or {@code -Dkey=value}) settings
 * and {@code --master URL} may come before the positional arguments; {@code --} ends them.
 *
 * <pre>{@code
 * public static void main(String[] argv) throws Exception {
 *     GenericOptions opts = GenericOptions.parse(argv);   // -D mr.reducers=4 in out
 *     Job job = Job.create(opts.conf()).input(opts.args().get(0)).output(opts.args().get(1));
 * }
 * }</pre>
 */
public record GenericOptions(Configuration conf, List<String> args) {

    public static GenericOptions parse(String... argv) {
        Configuration conf = new Configuration();
        List<String> rest = new ArrayList<>();
        int i = 0;
        for (; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--")) {
                i++;
                break;
            } else if (a.equals("-D")) {
                if (i + 1 >= argv.length) throw new IllegalArgumentException("-D needs key=value after it");
                setting(conf, argv[++i]);
            } else if (a.startsWith("-D") && a.length() > 2) {
                setting(conf, a.substring(2));
            } else if (a.equals("--master")) {
                if (i + 1 >= argv.length) throw new IllegalArgumentException("--master needs a URL after it");
                conf.set(ConfKeys.MASTER, argv[++i]);
            } else if (a.startsWith("--master=")) {
                conf.set(ConfKeys.MASTER, a.substring("--master=".length()));
            } else {
                rest.add(a);
            }
        }
        for (; i < argv.length; i++) rest.add(argv[i]);
        return new GenericOptions(conf, List.copyOf(rest));
    }

    private static void setting(Configuration conf, String kv) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("-D " + kv + ": expected key=value");
        conf.set(kv.substring(0, eq).trim(), kv.substring(eq + 1));
    }
}
