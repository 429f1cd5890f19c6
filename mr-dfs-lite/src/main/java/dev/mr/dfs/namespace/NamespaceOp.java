package dev.mr.dfs.namespace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One change to the namespace, as journaled. Every field the change needs is in the record
 * (ids, times), so replaying the journal rebuilds exactly the same namespace.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NamespaceOp.Mkdirs.class, name = "mkdirs"),
    @JsonSubTypes.Type(value = NamespaceOp.Create.class, name = "create"),
    @JsonSubTypes.Type(value = NamespaceOp.AddChunk.class, name = "add-chunk"),
    @JsonSubTypes.Type(value = NamespaceOp.CommitChunk.class, name = "commit-chunk"),
    @JsonSubTypes.Type(value = NamespaceOp.Close.class, name = "close"),
    @JsonSubTypes.Type(value = NamespaceOp.Rename.class, name = "rename"),
    @JsonSubTypes.Type(value = NamespaceOp.Delete.class, name = "delete"),
    @JsonSubTypes.Type(value = NamespaceOp.Abandon.class, name = "abandon"),
})
public sealed interface NamespaceOp {

    record Mkdirs(String path, long time) implements NamespaceOp {}

    record Create(String path, long inode, int replication, long chunkSize, String client, long time) implements NamespaceOp {}

    record AddChunk(long inode, long chunk) implements NamespaceOp {}

    record CommitChunk(long inode, long chunk, long length, int digest) implements NamespaceOp {}

    record Close(long inode, long length, long time) implements NamespaceOp {}

    record Rename(String from, String to, long time) implements NamespaceOp {}

    record Delete(String path, long time) implements NamespaceOp {}

    record Abandon(long inode, String reason) implements NamespaceOp {}
}
