package dev.mr.api.io;

import java.util.Map;

/**
 * The short names {@code mr-submit --input-format} and {@code --output-format} give the built-in
 * formats: one table for the client that reads them and for the master that writes a job's
 * reproducing command with them, so the two cannot drift apart. Immutable.
 */
public final class FormatNames {

    private static final Map<String, String> INPUT = Map.of(
            "text", TextInputFormat.class.getName(),
            "key-value", KeyValueTextInputFormat.class.getName(),
            "whole-file", WholeFileInputFormat.class.getName(),
            "tera", TeraInputFormat.class.getName(),
            "record", RecordFileInputFormat.class.getName(),
            "line-key", LineKeyInputFormat.class.getName());
    private static final Map<String, String> OUTPUT = Map.of(
            "text", TextOutputFormat.class.getName(),
            "tera", TeraOutputFormat.class.getName(),
            "record", RecordFileOutputFormat.class.getName(),
            "key-line", KeyLineOutputFormat.class.getName());

    private FormatNames() {}

    /** The input format class a short name stands for, or {@code nameOrClass} itself (a class name). */
    public static String inputClass(String nameOrClass) {
        return INPUT.getOrDefault(nameOrClass, nameOrClass);
    }

    /** The output format class a short name stands for, or {@code nameOrClass} itself (a class name). */
    public static String outputClass(String nameOrClass) {
        return OUTPUT.getOrDefault(nameOrClass, nameOrClass);
    }

    /** The short name of a built-in input format class, or {@code className} itself. */
    public static String inputName(String className) {
        return nameOf(INPUT, className);
    }

    /** The short name of a built-in output format class, or {@code className} itself. */
    public static String outputName(String className) {
        return nameOf(OUTPUT, className);
    }

    private static String nameOf(Map<String, String> table, String className) {
        for (Map.Entry<String, String> e : table.entrySet()) if (e.getValue().equals(className)) return e.getKey();
        return className;
    }
}
