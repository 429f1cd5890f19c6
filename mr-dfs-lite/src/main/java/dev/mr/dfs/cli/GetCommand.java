package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import dev.mr.dfs.client.DfsInput;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code get DFS_SRC... LOCAL_DEST}: copies files out of the store; a directory's data files come in name order. */
@Command(name = "get", description = {"Copies files out of the store.",
    "A directory is copied as a local directory of its files, in name order, skipping names that start with '_' or '.'."})
final class GetCommand implements Callable<Integer> {

    @ParentCommand
    DfsCli cli;

    @Option(names = "-f", description = "Replace local files that already exist.")
    boolean force;

    @Parameters(arity = "2..*", paramLabel = "DFS_SRC... LOCAL_DEST")
    List<String> args;

    @Override
    public Integer call() throws IOException {
        List<String> sources = args.subList(0, args.size() - 1);
        Path dest = Path.of(args.get(args.size() - 1));
        boolean intoDir = Files.isDirectory(dest);
        if (!intoDir && sources.size() > 1) throw new IllegalArgumentException("local destination " + dest + " is not a directory");
        for (String s : sources) {
            String src = DfsCli.path(s);
            FileInfo info = cli.client().status(src);
            Path target = intoDir ? dest.resolve(info.path().equals("/") ? "root" : DfsCli.name(src)) : dest;
            if (info.directory()) getDir(src, target);
            else getFile(src, info.length(), target);
        }
        return 0;
    }

    private void getDir(String dir, Path target) throws IOException {
        Files.createDirectories(target);
        for (FileInfo f : cli.client().list(dir).entries()) {
            String name = DfsCli.name(f.path());
            if (DfsCli.hidden(name)) continue;
            if (f.directory()) getDir(f.path(), target.resolve(name));
            else getFile(f.path(), f.length(), target.resolve(name));
        }
    }

    private void getFile(String src, long size, Path target) throws IOException {
        Progress progress = size >= PutCommand.PROGRESS_FROM ? new Progress(cli.err, cli.interactive, "get " + DfsCli.show(src), size) : null;
        boolean done = false;
        try (DfsInput in = cli.client().open(src);
             FileChannel out = FileChannel.open(target, force
                     ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                     : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE})) {
            long copied = 0;
            // a megabyte at a time through the verified path that keeps local bytes off the heap
            for (long n; (n = in.transferTo(out, 1 << 20)) > 0; ) {
                copied += n;
                if (progress != null) progress.update(copied);
            }
            if (progress != null) progress.done(copied);
            done = true;
        } finally {
            if (!done && Files.exists(target) && Files.size(target) < size) Files.deleteIfExists(target);
        }
    }

}
