package dev.mr.dfs.protocol;

import java.util.List;

/** A new chunk and the chunk servers to write it to; {@code warning} says when fewer servers than asked were live. */
public record AllocateReply(String chunk, List<ReplicaLocation> targets, String warning) {

    public AllocateReply {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
