package dev.mr.dfs.namespace;

import dev.mr.dfs.ChunkId;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds a {@link Namespace} from a checkpoint's entries as they stream in, in the order
 * {@link Namespace#dirImages} and {@link Namespace#fileImages} hand them out: directories
 * parents first, then files. Each entry lands with the times it was saved
 * with; adding a child does not touch its parent's time, as replaying ops would.
 *
 * <p>Writer names repeat across millions of files and are shared, not copied. Single use, not
 * thread-safe.
 */
public final class NamespaceBuilder {

    private final Namespace ns = new Namespace();
    private final Map<String, String> clients = new HashMap<>();
    private boolean built;

    public void dir(NamespaceImage.Dir d) {
        if (d.path().equals("/")) {
            ns.root().modified = d.modified();
            return;
        }
        DirNode parent = parent(d.path(), d.modified());
        Node n = parent.children.get(Namespace.nameOf(d.path()));
        if (!(n instanceof DirNode)) {
            n = new DirNode(Namespace.nameOf(d.path()), d.modified());
            parent.children.put(n.name, n);
            n.parent = parent;
        }
        n.modified = d.modified();
    }

    public void file(NamespaceImage.File fi) {
        FileNode f = new FileNode(Namespace.nameOf(fi.path()), fi.inode(), fi.replication(), fi.chunkSize(),
                fi.client() == null ? null : clients.computeIfAbsent(fi.client(), c -> c), fi.modified());
        for (NamespaceImage.Chunk c : fi.chunks()) f.chunks.add(new ChunkMeta(new ChunkId(c.id()), c.length(), c.digest()));
        f.length = fi.length();
        f.closed = fi.closed();
        DirNode parent = parent(fi.path(), fi.modified());
        parent.children.put(f.name, f);
        f.parent = parent;
        ns.restored(f);
    }

    /** The directory an entry goes in; made (touching times) only when the image lacked it. */
    private DirNode parent(String path, long time) {
        String parentPath = Namespace.parentOf(path);
        return ns.lookup(parentPath) instanceof DirNode d ? d : ns.mkdirs(parentPath, time);
    }

    /** The namespace, with the id counters the image saved. */
    public Namespace build(long nextInode, long nextChunk) {
        if (built) throw new IllegalStateException("already built");
        built = true;
        ns.restoredIds(nextInode, nextChunk);
        return ns;
    }
}
