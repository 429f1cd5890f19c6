package dev.mr.jobs.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the bench programs: positional arguments plus {@code --name value}
 * options. Unknown options are an error naming the option, so a typo in {@code mr-bench}
 * never silently runs with a default.
 */
final class BenchArgs {
    private final List<String> positional = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    BenchArgs(String[] args, String usage, String... optionNames) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            if (!List.of(optionNames).contains(name)) fail("unknown option " + a, usage);
            if (i + 1 >= args.length) fail("option " + a + " needs a value", usage);
            names.add(name);
            values.add(args[++i]);
        }
    }

    String positional(int i, String usage) {
        if (i >= positional.size()) fail("missing argument " + (i + 1), usage);
        return positional.get(i);
    }

    int positionalCount() {
        return positional.size();
    }

    /** The value of a required {@code --name}. */
    String option(String name, String usage) {
        int i = names.lastIndexOf(name);
        if (i < 0) fail("missing option --" + name, usage);
        return values.get(i);
    }

    long longOption(String name, long dflt) {
        int i = names.lastIndexOf(name);
        if (i < 0) return dflt;
        try {
            return Long.parseLong(values.get(i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a whole number, got " + values.get(i));
        }
    }

    double doubleOption(String name, double dflt) {
        int i = names.lastIndexOf(name);
        return i < 0 ? dflt : Double.parseDouble(values.get(i));
    }

    /** {@code --threads N}, defaulting to the available processors as the local runner does. */
    int threads() {
        long n = longOption("threads", Runtime.getRuntime().availableProcessors());
        if (n < 1 || n > 1024) throw new IllegalArgumentException("--threads must be 1..1024, got " + n);
        return (int) n;
    }

    private static void fail(String what, String usage) {
        throw new IllegalArgumentException(what + "\nusage: " + usage);
    }
}
