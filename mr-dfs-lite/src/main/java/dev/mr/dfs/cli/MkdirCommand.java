package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mkdir [-p] DFS_PATH...}: creates directories and their missing parents. */
@Command(name = "mkdir", description = "Creates directories, with their missing parents.")
final class MkdirCommand implements Callable<Integer> {

    @ParentCommand
    DfsCli cli;

    @Option(names = "-p", description = "No error if the directory exists.")
    boolean parents;

    @Parameters(arity = "1..*", paramLabel = "DFS_PATH")
    List<String> paths;

    @Override
    public Integer call() throws IOException {
        for (String p : paths) {
            String path = DfsCli.path(p);
            FileInfo info = cli.statusOrNull(path);
            if (info != null && (!parents || !info.directory())) throw new IOException(DfsCli.show(path) + " already exists");
            cli.client().mkdirs(path);
        }
        return 0;
    }
}
