package dev.mr.dfs.protocol;

import java.util.List;

/** What a reader needs to read a file: its chunks in order and where each is held. */
public record FileLayout(String path, long length, long chunkSize, int replication, List<ChunkLayout> chunks) {

    public FileLayout {
        chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }

    public FileLayout withChunks(List<ChunkLayout> c) {
        return new FileLayout(path, length, chunkSize, replication, c);
    }
}
