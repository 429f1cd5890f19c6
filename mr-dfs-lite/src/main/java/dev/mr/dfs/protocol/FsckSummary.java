package dev.mr.dfs.protocol;

/** Counts over all files checked. Each chunk is exactly one of healthy, under-replicated, corrupt (only bad replicas left) or missing. */
public record FsckSummary(int files, int chunks, int healthy, int underReplicated, int corrupt, int missing) {

    public String line() {
        return "files: " + files + " chunks: " + chunks + " healthy: " + healthy + " under-replicated: " + underReplicated
                + " corrupt: " + corrupt + " missing: " + missing;
    }
}
