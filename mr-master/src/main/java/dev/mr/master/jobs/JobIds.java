package dev.mr.master.jobs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ids the master gives jobs, {@code job_0001}, {@code job_0002}, ...: numbered from 1, never reused. */
public final class JobIds {

    private static final Pattern ID = Pattern.compile("job_([0-9]{4,9})");

    private JobIds() {}

    public static String format(int number) {
        return String.format(Locale.ROOT, "job_%04d", number);
    }

    /** The number of a master-issued id, or -1 when {@code id} is not one. */
    public static int number(String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        return m != null && m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
