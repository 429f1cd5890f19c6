package dev.mr.dfs.namespace;

/** A directory or file in the namespace tree. Owned by the {@link Namespace}'s thread. */
public abstract sealed class Node permits DirNode, FileNode {

    String name;
    DirNode parent;
    long modified;

    Node(String name, long modified) {
        this.name = name;
        this.modified = modified;
    }

    public String name() {
        return name;
    }

    public long modified() {
        return modified;
    }

    /** The absolute path, walking up to the root. */
    public String path() {
        if (parent == null) return "/";
        StringBuilder b = new StringBuilder();
        for (Node n = this; n.parent != null; n = n.parent) b.insert(0, "/" + n.name);
        return b.toString();
    }
}
