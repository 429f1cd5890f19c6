package dev.mr.dfs.protocol;

import java.util.List;

/** The health of the files under a path, and of the cluster. */
public record FsckReply(String path, boolean safeMode, int liveServers, int deadServers, List<FsckFile> files, FsckSummary summary) {

    public FsckReply {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
