package dev.mr.dfs.protocol;

import java.util.List;

/** The store at a glance: safe mode, servers, and counts of files and chunks by health. */
public record HealthReply(boolean safeMode, String safeModeDetail, List<ServerInfo> servers, FsckSummary summary, int copiesInFlight) {

    public HealthReply {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }
}
