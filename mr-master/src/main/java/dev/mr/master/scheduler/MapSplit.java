package dev.mr.master.scheduler;

import java.util.List;

/**
 * What the scheduler knows of one map task's input split: its number, its size and the hosts that
 * hold a replica of its data. A worker whose {@code host} (as it registered) is one of these runs
 * the map data-locally. The split's path and offsets stay with the master's edge.
 */
public record MapSplit(int index, long length, List<String> hosts) {

    public MapSplit {
        if (index < 0) throw new IllegalArgumentException("negative split index " + index);
        if (length < 0) throw new IllegalArgumentException("negative split length " + length);
        hosts = List.copyOf(hosts);
    }
}
