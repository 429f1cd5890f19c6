package dev.mr.dfs.protocol;

import java.util.List;

/** The entries of a directory, sorted by name; a file lists as itself. */
public record Listing(String path, List<FileInfo> entries) {

    public Listing {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
