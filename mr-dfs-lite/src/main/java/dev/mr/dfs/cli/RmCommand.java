package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rm [-r] [-f] DFS_PATH...}: deletes files, and directories with {@code -r}. */
@Command(name = "rm", description = "Deletes files; directories with -r.")
final class RmCommand implements Callable<Integer> {

    @ParentCommand
    DfsCli cli;

    @Option(names = {"-r", "-R"}, description = "Delete directories and everything in them.")
    boolean recursive;

    @Option(names = "-f", description = "No error for paths that do not exist.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "DFS_PATH")
    List<String> paths;

    @Override
    public Integer call() throws IOException {
        for (String p : paths) {
            String path = DfsCli.path(p);
            FileInfo info = cli.statusOrNull(path);
            if (info == null) {
                if (force) continue;
                throw new IOException(DfsCli.show(path) + " does not exist");
            }
            if (info.directory() && !recursive) throw new IOException(DfsCli.show(path) + " is a directory; use rm -r to delete it");
            cli.client().delete(path, recursive);
        }
        return 0;
    }
}
