package dev.mr.dfs.namespace;

import java.util.ArrayList;
import java.util.List;

/**
 * A file: written once by one client, then closed and immutable. While being written it is
 * hidden from listings and reads but holds its path.
 */
public final class FileNode extends Node {

    final long inode;
    final int replication;
    final long chunkSize;
    final String client;
    final List<ChunkMeta> chunks = new ArrayList<>();
    long length;
    boolean closed;

    FileNode(String name, long inode, int replication, long chunkSize, String client, long modified) {
        super(name, modified);
        this.inode = inode;
        this.replication = replication;
        this.chunkSize = chunkSize;
        this.client = client;
    }

    public long inode() {
        return inode;
    }

    public int replication() {
        return replication;
    }

    public long chunkSize() {
        return chunkSize;
    }

    public String client() {
        return client;
    }

    public List<ChunkMeta> chunks() {
        return List.copyOf(chunks);
    }

    public long length() {
        return length;
    }

    public boolean closed() {
        return closed;
    }

    /** The start of chunk {@code i}: every chunk but the last is full. */
    public long chunkOffset(int i) {
        return i * chunkSize;
    }

    List<ChunkMeta> mutableChunks() {
        return chunks;
    }

    static List<ChunkMeta> copy(List<ChunkMeta> chunks) {
        return new ArrayList<>(chunks);
    }
}
