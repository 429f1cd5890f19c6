package dev.mr.master.scheduler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * What the scheduler knows of one map task's input split: its number, its size and the hosts that
 * hold a replica of its data (dfs-lite's chunk servers as {@code host:port}; HDFS's DataNodes by host
 * name and address). A worker that goes by one of these names (its registered {@code host} or one of
 * its {@code hostNames}) runs the map data-locally. Names compare {@linkplain #hostKey ignoring case},
 * as DNS does. The split's path and offsets stay with the master's edge.
 */
public record MapSplit(int index, long length, List<String> hosts) {

    /** @param hosts as the input format named them; kept as {@link #hostKey}s */
    public MapSplit {
        if (index < 0) throw new IllegalArgumentException("negative split index " + index);
        if (length < 0) throw new IllegalArgumentException("negative split length " + length);
        hosts = hostKeys(hosts);
    }

    /** A host name or address as the scheduler compares it: host names are not case-sensitive. */
    static String hostKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The {@link #hostKey}s of {@code names}, each once, in order. */
    static List<String> hostKeys(List<String> names) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String n : names) out.add(hostKey(n));
        return List.copyOf(out);
    }
}
