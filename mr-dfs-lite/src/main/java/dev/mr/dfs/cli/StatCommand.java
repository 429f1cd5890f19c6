package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stat DFS_PATH...}: what the master knows of a path; for a file, each chunk and where its replicas are. */
@Command(name = "stat", description = "Shows a path's details; for a file, each chunk and the servers holding it.")
final class StatCommand implements Callable<Integer> {

    @ParentCommand
    DfsCli cli;

    @Parameters(arity = "1..*", paramLabel = "DFS_PATH")
    List<String> paths;

    @Override
    public Integer call() throws IOException {
        for (String p : paths) {
            String path = DfsCli.path(p);
            FileInfo f = cli.client().status(path);
            cli.out.println(DfsCli.show(f.path()));
            cli.out.println("  type: " + (f.directory() ? "directory" : "file"));
            cli.out.println("  modified: " + Instant.ofEpochMilli(f.modified()));
            if (f.directory()) {
                cli.out.println("  entries: " + cli.client().list(path).entries().size());
                continue;
            }
            cli.out.println("  length: " + f.length());
            cli.out.println("  replication: " + f.replication());
            cli.out.println("  chunk size: " + f.chunkSize());
            cli.out.println("  chunks: " + f.chunks());
            FileLayout layout = cli.client().layout(path);
            for (ChunkLayout c : layout.chunks()) {
                List<String> where = new ArrayList<>();
                for (ReplicaLocation r : c.replicas()) where.add(r.address());
                cli.out.println("  " + c.chunk() + " offset " + c.offset() + " length " + c.length() + " replicas "
                        + (where.isEmpty() ? "(none)" : String.join(" ", where)));
            }
        }
        return 0;
    }
}
