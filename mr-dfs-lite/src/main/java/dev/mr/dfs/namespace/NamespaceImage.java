package dev.mr.dfs.namespace;

import java.util.List;

/**
 * The namespace as plain data: what a checkpoint holds. Directories come parents first, so
 * rebuilding from it in order always finds a file's directory in place.
 */
public record NamespaceImage(long nextInode, long nextChunk, List<Dir> dirs, List<File> files) {

    public NamespaceImage {
        dirs = List.copyOf(dirs);
        files = List.copyOf(files);
    }

    public record Dir(String path, long modified) {}

    public record File(String path, long inode, int replication, long chunkSize, String client, long length, boolean closed,
                       long modified, List<Chunk> chunks) {
        public File {
            chunks = List.copyOf(chunks);
        }
    }

    public record Chunk(long id, long length, int digest) {}
}
