package dev.mr.dfs.protocol;

/**
 * An order from the master to a chunk server: {@code copy} a chunk from the server at
 * {@code source} (checking it against {@code length} and {@code digest}), or {@code delete}
 * a replica.
 */
public record ServerCommand(String op, String chunk, String source, long length, int digest) {

    public static final String COPY = "copy";
    public static final String DELETE = "delete";
}
