package dev.mr.dfs.protocol;

import java.util.List;

/**
 * A chunk server's heartbeat: who and where it is, its space, and what changed since the last
 * one. {@code report}, when present, is the full list of the chunks it holds and supersedes
 * the changes.
 */
public record HeartbeatRequest(String server, String address, String dir, long freeBytes, long usedBytes,
                               List<ReplicaReport> report, List<ReplicaReport> added, List<String> removed,
                               List<String> corrupt, List<String> copyFailed) {

    public HeartbeatRequest {
        report = report == null ? null : List.copyOf(report);
        added = added == null ? List.of() : List.copyOf(added);
        removed = removed == null ? List.of() : List.copyOf(removed);
        corrupt = corrupt == null ? List.of() : List.copyOf(corrupt);
        copyFailed = copyFailed == null ? List.of() : List.copyOf(copyFailed);
    }
}
