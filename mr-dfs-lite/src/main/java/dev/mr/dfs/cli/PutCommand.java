package dev.mr.dfs.cli;

import dev.mr.dfs.client.DfsOutput;
import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code put LOCAL... DFS_DEST}: copies local files (or {@code -} for stdin) into the store. */
@Command(name = "put", description = {"Copies local files into the store.",
    "With several sources, or a destination that is a directory or ends with '/', each file goes into it under its own name;",
    "a local directory is copied with its contents. '-' reads standard input."})
final class PutCommand implements Callable<Integer> {

    /** Files at least this large show progress. */
    static final long PROGRESS_FROM = 16L << 20;

    @ParentCommand
    DfsCli cli;

    @Option(names = {"-r", "--replication"}, description = "Replicas of each chunk (default: the store's).")
    int replication;

    @Option(names = {"-b", "--chunk-size"}, description = "Chunk size, e.g. 64m (default: the store's).")
    String chunkSize;

    @Option(names = "-f", description = "Replace files that already exist.")
    boolean force;

    @Parameters(arity = "2..*", paramLabel = "LOCAL... DFS_DEST")
    List<String> args;

    @Override
    public Integer call() throws IOException {
        List<String> sources = args.subList(0, args.size() - 1);
        String rawDest = args.get(args.size() - 1);
        String dest = DfsCli.path(rawDest);
        FileInfo d = cli.statusOrNull(dest);
        boolean intoDir = (d != null && d.directory()) || rawDest.endsWith("/");
        if (!intoDir && sources.size() > 1) {
            throw new IllegalArgumentException("destination " + DfsCli.show(dest) + " is not a directory; end it with '/' to create one");
        }
        if (intoDir && d == null) cli.client().mkdirs(dest);
        for (String s : sources) {
            if (s.equals("-")) {
                if (intoDir) throw new IllegalArgumentException("standard input needs a file name as destination, not a directory");
                copy(System.in, -1, dest);
                continue;
            }
            Path local = Path.of(s);
            if (!Files.exists(local)) throw new java.nio.file.NoSuchFileException(s);
            String target = intoDir ? DfsCli.child(dest, local.getFileName().toString()) : dest;
            putTree(local, target);
        }
        return 0;
    }

    private void putTree(Path local, String target) throws IOException {
        if (Files.isDirectory(local)) {
            cli.client().mkdirs(target);
            try (Stream<Path> children = Files.list(local)) {
                for (Path c : (Iterable<Path>) children.sorted()::iterator) putTree(c, DfsCli.child(target, c.getFileName().toString()));
            }
            return;
        }
        // a regular file's size is promised to the store (fewer copies); a pipe's or an empty /proc file's is not known
        long size = Files.isRegularFile(local) ? Files.size(local) : -1;
        try (InputStream in = Files.newInputStream(local)) {
            copy(in, size > 0 ? size : -1, target);
        }
    }

    private void copy(InputStream in, long size, String target) throws IOException {
        long chunk = chunkSize == null ? 0 : DfsCli.parseSize(chunkSize);
        if (force && cli.statusOrNull(target) != null) cli.client().delete(target, false);
        Progress progress = size >= PROGRESS_FROM ? new Progress(cli.err, cli.interactive, "put " + DfsCli.show(target), size) : null;
        DfsOutput out = cli.client().create(target, replication, chunk);
        if (out.warning() != null) cli.err.println("mr-dfs: warning: " + out.warning());
        try {
            if (size >= 0) out.expectLength(size);
            // into the packets themselves: one copy fewer than through a buffer of our own
            while (out.writeFrom(in) >= 0) {
                if (progress != null) progress.update(out.written());
            }
            out.close();
        } catch (IOException | RuntimeException e) {
            out.abandon();
            throw e;
        }
        if (progress != null) progress.done(out.written());
    }
}
