package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cat DFS_PATH...}: writes files to standard output; a directory gives its data files in name order. */
@Command(name = "cat", description = {"Writes files to standard output.",
    "A directory gives its files in name order, skipping names that start with '_' or '.' (so cat dfs:/out prints a job's output)."})
final class CatCommand implements Callable<Integer> {

    @ParentCommand
    DfsCli cli;

    @Parameters(arity = "1..*", paramLabel = "DFS_PATH")
    List<String> paths;

    @Override
    public Integer call() throws IOException {
        for (String p : paths) {
            String path = DfsCli.path(p);
            FileInfo info = cli.client().status(path);
            if (!info.directory()) {
                copy(path);
                continue;
            }
            for (FileInfo f : cli.dataFiles(path)) copy(f.path());
        }
        cli.out.flush();
        return 0;
    }

    private void copy(String path) throws IOException {
        try (InputStream in = cli.client().open(path)) {
            in.transferTo(cli.out);
        }
    }
}
