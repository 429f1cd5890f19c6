package dev.mr.dfs;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of one chunk server's disk: created once in its chunk directory and kept
 * across restarts, so a server that comes back with its disk intact is recognised even on a
 * new address. Two replicas of a chunk never share a server id.
 */
public record ServerId(String value) implements Comparable<ServerId> {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ServerId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a chunk server id: '" + String.valueOf(value).replaceAll("\\p{Cntrl}", "?")
                    + "' (expected 1 to 64 letters, digits, '-' or '_')");
        }
    }

    public static ServerId random() {
        return new ServerId("cs-" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public int compareTo(ServerId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
