package dev.mr.dfs.protocol;

import java.util.List;

/**
 * A new chunk and the chunk servers to write it to; {@code warning} says when fewer servers than
 * asked were live; {@code token} is the capability to write this chunk, and only it (null on an
 * insecure cluster).
 */
public record AllocateReply(String chunk, List<ReplicaLocation> targets, String warning, String token) {

    public AllocateReply {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public AllocateReply withToken(String t) {
        return new AllocateReply(chunk, targets, warning, t);
    }
}
