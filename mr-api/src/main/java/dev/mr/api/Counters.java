package dev.mr.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counter values by group and name, in sorted order. A task's counters and a job's totals
 * are both this type. Not thread-safe.
 */
public final class Counters {

    private final TreeMap<String, TreeMap<String, Long>> groups = new TreeMap<>();

    public long get(String group, String name) {
        Map<String, Long> g = groups.get(group);
        if (g == null) return 0;
        Long v = g.get(name);
        return v == null ? 0 : v;
    }

    public long get(TaskCounter counter) {
        return get(TaskCounter.GROUP, counter.name());
    }

    public Counters increment(String group, String name, long amount) {
        groups.computeIfAbsent(group, g -> new TreeMap<>()).merge(name, amount, Long::sum);
        return this;
    }

    public Counters increment(TaskCounter counter, long amount) {
        return increment(TaskCounter.GROUP, counter.name(), amount);
    }

    /** A live counter: increments go straight into this object. */
    public Counter counter(String group, String name) {
        TreeMap<String, Long> g = groups.computeIfAbsent(group, k -> new TreeMap<>());
        g.putIfAbsent(name, 0L);
        return new Counter() {
            @Override
            public void increment(long amount) {
                g.merge(name, amount, Long::sum);
            }

            @Override
            public long value() {
                return g.get(name);
            }
        };
    }

    /** Adds every value of {@code other} into this. */
    public Counters addAll(Counters other) {
        other.groups.forEach((g, names) -> names.forEach((n, v) -> increment(g, n, v)));
        return this;
    }

    /** Group to name to value, sorted, read-only. */
    public Map<String, Map<String, Long>> asMap() {
        TreeMap<String, Map<String, Long>> copy = new TreeMap<>();
        groups.forEach((g, names) -> copy.put(g, Collections.unmodifiableMap(new TreeMap<>(names))));
        return Collections.unmodifiableMap(copy);
    }

    public static Counters of(Map<String, Map<String, Long>> values) {
        Counters c = new Counters();
        values.forEach((g, names) -> names.forEach((n, v) -> c.increment(g, n, v)));
        return c;
    }

    /** One line per group, then an indented line per counter: what {@code mr-submit} prints. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        groups.forEach((g, names) -> {
            sb.append("  ").append(g).append('\n');
            names.forEach((n, v) -> sb.append("    ").append(n).append('=').append(v).append('\n'));
        });
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counters c && c.groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    @Override
    public String toString() {
        return groups.toString();
    }
}
