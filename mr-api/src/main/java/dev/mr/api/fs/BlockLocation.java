package dev.mr.api.fs;

import java.util.List;

/** A byte range of a file and the hosts that hold a replica of it, best first. */
public record BlockLocation(long offset, long length, List<String> hosts) {

    public BlockLocation {
        hosts = List.copyOf(hosts);
    }
}
