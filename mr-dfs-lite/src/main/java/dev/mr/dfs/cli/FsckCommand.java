package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.FsckFile;
import dev.mr.dfs.protocol.FsckReply;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fsck [DFS_PATH]}: the health of each file's chunks. The last line is always
 * {@code files: N chunks: N healthy: N under-replicated: N corrupt: N missing: N} (scripts read
 * it); the exit status is 1 when any chunk is missing or corrupt.
 */
@Command(name = "fsck", description = {"Checks the chunks of the files under a path (default dfs:/).",
    "Ends with: files: N chunks: N healthy: N under-replicated: N corrupt: N missing: N",
    "Exits 1 when any chunk is missing or corrupt."})
final class FsckCommand implements Callable<Integer> {

    @ParentCommand
    DfsCli cli;

    @Option(names = "--files", description = "A line for every file, healthy ones too.")
    boolean allFiles;

    @Parameters(arity = "0..1", paramLabel = "DFS_PATH")
    String path = "dfs:/";

    @Override
    public Integer call() throws IOException {
        FsckReply r = cli.client().fsck(DfsCli.path(path));
        if (r.safeMode()) {
            cli.out.println("note: the master is in safe mode, waiting for chunk reports; missing counts may still fall");
        }
        cli.out.println("chunk servers: " + r.liveServers() + " live, " + r.deadServers() + " dead");
        for (FsckFile f : r.files()) {
            boolean ok = f.healthy() == f.chunks();
            if (ok && !allFiles) continue;
            cli.out.println(DfsCli.show(f.path()) + ": " + f.chunks() + " chunks, " + (ok ? "healthy" : f.problems().size() + " problems"));
            for (String p : f.problems()) cli.out.println("  " + p);
        }
        cli.out.println(r.summary().line());
        return r.summary().missing() + r.summary().corrupt() > 0 ? 1 : 0;
    }
}
