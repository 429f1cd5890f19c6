package dev.mr.dfs.protocol;

import java.util.List;

/** The health of one file's chunks, with a line per problem. */
public record FsckFile(String path, int chunks, int healthy, int underReplicated, int corrupt, int missing, List<String> problems) {

    public FsckFile {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
