package dev.mr.api.spi;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;

/**
 * Which master a process talks to, decided in one place for the job runner and the {@code dfs:}
 * filesystem alike: the job's {@code mr.master} setting, else the {@code mr.master} system
 * property ({@code mr-submit --master} sets it, so a driver that reads dfs before it submits --
 * TeraSort samples its input -- reaches the same master), else the {@code MR_MASTER}
 * environment variable.
 */
public final class MasterUrl {

    private MasterUrl() {}

    /** The master's URL, trimmed, or null when none is named. */
    public static String of(Configuration conf) {
        String url = conf.get(ConfKeys.MASTER);
        if (blank(url)) url = System.getProperty(ConfKeys.MASTER);
        if (blank(url)) url = System.getenv("MR_MASTER");
        return blank(url) ? null : url.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
