package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mv DFS_SRC... DFS_DEST}: atomic renames; into {@code DFS_DEST} when it is a directory. */
@Command(name = "mv", description = {"Moves files or directories (each move is atomic).",
    "When the destination is an existing directory the sources move into it; an existing file is never replaced."})
final class MvCommand implements Callable<Integer> {

    @ParentCommand
    DfsCli cli;

    @Parameters(arity = "2..*", paramLabel = "DFS_SRC... DFS_DEST")
    List<String> args;

    @Override
    public Integer call() throws IOException {
        String dest = DfsCli.path(args.get(args.size() - 1));
        FileInfo d = cli.statusOrNull(dest);
        boolean intoDir = d != null && d.directory();
        if (args.size() > 2 && !intoDir) throw new IllegalArgumentException("destination " + DfsCli.show(dest) + " is not a directory");
        for (String s : args.subList(0, args.size() - 1)) {
            String src = DfsCli.path(s);
            cli.client().rename(src, intoDir ? DfsCli.child(dest, DfsCli.name(src)) : dest);
        }
        return 0;
    }
}
