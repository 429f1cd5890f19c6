package dev.mr.dfs.protocol;

import java.util.List;

/** Reports a chunk written: its length, digest and the servers that acknowledged it. */
public record CommitRequest(long file, String client, String chunk, long length, int digest, List<String> servers) {

    public CommitRequest {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }
}
