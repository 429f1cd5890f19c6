package dev.mr.api;

import dev.mr.api.spi.ShippedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Separates the framework's options from a driver's own arguments, as Hadoop's
 * {@code GenericOptionsParser} does: {@code -D key=value} (or {@code -Dkey=value}) settings,
 * {@code --master URL}, and the side files {@code -files a.txt,b.txt#alias},
 * {@code -libjars x.jar,y.jar} and {@code -archives dict.zip#dict} (setting
 * {@link ConfKeys#JOB_FILES}, {@link ConfKeys#JOB_LIBJARS}, {@link ConfKeys#JOB_ARCHIVES}; a file
 * that does not exist is refused here, naming it) may come anywhere; {@code --} ends them.
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
            } else if (SIDE_FILES.containsKey(a)) {
                if (i + 1 >= argv.length) throw new IllegalArgumentException(a + " needs a comma-separated list of files after it");
                sideFiles(conf, SIDE_FILES.get(a), argv[++i]);
            } else if (a.startsWith("--master=")) {
                conf.set(ConfKeys.MASTER, a.substring("--master=".length()));
            } else {
                rest.add(a);
            }
        }
        for (; i < argv.length; i++) rest.add(argv[i]);
        return new GenericOptions(conf, List.copyOf(rest));
    }

    private static final Map<String, ShippedFiles.Kind> SIDE_FILES = Map.of(
            "-files", ShippedFiles.Kind.FILE, "-libjars", ShippedFiles.Kind.LIBJAR, "-archives", ShippedFiles.Kind.ARCHIVE);

    /** Adds {@code list} to the option's setting, once every file in it is known to be there. */
    private static void sideFiles(Configuration conf, ShippedFiles.Kind kind, String list) {
        for (ShippedFiles.Entry e : ShippedFiles.parse(kind, list)) ShippedFiles.requireReadable(e);
        String before = conf.get(kind.key);
        conf.set(kind.key, before == null || before.isBlank() ? list : before + "," + list);
    }

    private static void setting(Configuration conf, String kv) {
        int eq = kv.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("-D " + kv + ": expected key=value");
        if (eq == 0) throw new IllegalArgumentException("-D =...: the key before '=' is empty; expected key=value"); // what follows may be a secret
        conf.set(kv.substring(0, eq).trim(), kv.substring(eq + 1));
    }
}
