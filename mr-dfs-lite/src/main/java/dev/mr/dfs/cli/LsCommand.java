package dev.mr.dfs.cli;

import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ls [-R] [DFS_PATH...]}: one line per entry: kind, replication, size, chunks, modified, path. */
@Command(name = "ls", description = {"Lists directories: kind (d or -), replication, size in bytes, chunks, modification time, path."})
final class LsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    @ParentCommand
    DfsCli cli;

    @Option(names = "-R", description = "Recurse into subdirectories.")
    boolean recursive;

    @Parameters(arity = "0..*", paramLabel = "DFS_PATH")
    List<String> paths = List.of("dfs:/");

    @Override
    public Integer call() throws IOException {
        for (String p : paths) {
            String path = DfsCli.path(p);
            FileInfo info = cli.client().status(path);
            if (info.directory()) listDir(path);
            else line(info);
        }
        return 0;
    }

    private void listDir(String dir) throws IOException {
        List<FileInfo> entries = cli.client().list(dir).entries();
        cli.out.println("Found " + entries.size() + " items");
        for (FileInfo f : entries) line(f);
        if (recursive) {
            for (FileInfo f : entries) {
                if (f.directory()) listDir(f.path());
            }
        }
    }

    private void line(FileInfo f) {
        cli.out.println(String.format(Locale.ROOT, "%s %3s %14d %7s  %s  %s", f.directory() ? "d" : "-",
                f.directory() ? "-" : Integer.toString(f.replication()), f.length(),
                f.directory() ? "-" : Integer.toString(f.chunks()), TIME.format(Instant.ofEpochMilli(f.modified())), DfsCli.show(f.path())));
    }
}
