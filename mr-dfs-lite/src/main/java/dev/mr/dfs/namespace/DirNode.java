package dev.mr.dfs.namespace;

import java.util.Collection;
import java.util.TreeMap;

/** A directory: children by name, in name order. */
public final class DirNode extends Node {

    final TreeMap<String, Node> children = new TreeMap<>();

    DirNode(String name, long modified) {
        super(name, modified);
    }

    public Collection<Node> children() {
        return children.values();
    }
}
