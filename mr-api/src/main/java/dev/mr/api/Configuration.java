package dev.mr.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A job's settings: string keys to string values, as given by {@code -D key=value} or set
 * through {@link Job}. The whole job definition lives here (mapper class, input paths, ...),
 * so a job travels to the cluster as this map alone. Keys the framework reads are listed in
 * {@link ConfKeys}; anything else is free for the job's own use.
 *
 * <p>Values of credentials ({@link SensitiveKeys}) are kept as given, for the tasks, but
 * {@link #toString} and the getters' errors show them as {@value SensitiveKeys#REDACTED}.
 *
 * <p>Not thread-safe; each task gets its own copy.
 */
public final class Configuration {

    private final TreeMap<String, String> values;

    public Configuration() {
        this.values = new TreeMap<>();
    }

    public Configuration(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public Configuration copy() {
        return new Configuration(values);
    }

    /** The value, or null when unset. */
    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : v;
    }

    /** The value, or an {@link IllegalArgumentException} naming the key when it is unset. */
    public String require(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("setting " + key + " is required but not set");
        }
        return v;
    }

    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null || v.isBlank()) return defaultValue;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + shown(key, v) + " is not an integer");
        }
    }

    public long getLong(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null || v.isBlank()) return defaultValue;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + shown(key, v) + " is not an integer");
        }
    }

    public double getDouble(String key, double defaultValue) {
        String v = values.get(key);
        if (v == null || v.isBlank()) return defaultValue;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + shown(key, v) + " is not a number");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null || v.isBlank()) return defaultValue;
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("setting " + shown(key, v) + " is not true or false");
        };
    }

    /** A comma-separated value as a list of trimmed, non-empty items (empty when unset). */
    public List<String> getList(String key) {
        String v = values.get(key);
        if (v == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String item : v.split(",")) {
            String t = item.trim();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    public Configuration set(String key, String value) {
        Objects.requireNonNull(key, "key");
        if (value == null) values.remove(key);
        else values.put(key, value);
        return this;
    }

    public Configuration setInt(String key, int value) {
        return set(key, Integer.toString(value));
    }

    public Configuration setLong(String key, long value) {
        return set(key, Long.toString(value));
    }

    public Configuration setBoolean(String key, boolean value) {
        return set(key, Boolean.toString(value));
    }

    public Configuration setList(String key, List<String> items) {
        return set(key, String.join(",", items));
    }

    public Configuration unset(String key) {
        values.remove(key);
        return this;
    }

    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** All settings in key order, read-only. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Copies every setting of {@code other} over this one's. */
    public Configuration setAll(Configuration other) {
        values.putAll(other.values);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The settings with every credential's value redacted (see {@link SensitiveKeys}): safe to log or put in an error. */
    @Override
    public String toString() {
        return SensitiveKeys.of(values).redacted(values).toString();
    }

    /** {@code key=value} for an error message, the value redacted when it is a credential. */
    private String shown(String key, String value) {
        return key + "=" + SensitiveKeys.of(values).redact(key, value);
    }
}
