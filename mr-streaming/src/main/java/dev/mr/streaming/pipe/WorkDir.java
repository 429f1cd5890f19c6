package dev.mr.streaming.pipe;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Function;

/**
 * A streaming command's working directory, one per task attempt: a fresh directory holding a link
 * {@code alias -> file} for every file shipped with the job ({@code -file}, {@code -files}), so
 * that the command finds them by name, as in Hadoop. {@link #close} deletes the directory and
 * what the command left in it, never following a link.
 */
public final class WorkDir implements AutoCloseable {

    private final Path dir;

    private WorkDir(Path dir) {
        this.dir = dir;
    }

    /**
     * @param files    the job's {@code mr.job.files} entries, {@code path[#alias]}
     * @param shipped  the local path of a shipped file by its alias ({@code Context.cacheFile})
     */
    public static WorkDir create(String attemptId, List<String> files, Function<String, Path> shipped) throws IOException {
        Path dir = Files.createTempDirectory("mr-streaming-" + attemptId + "-");
        WorkDir w = new WorkDir(dir);
        try {
            for (String entry : files) {
                String alias = alias(entry);
                Files.createSymbolicLink(dir.resolve(alias), shipped.apply(alias).toAbsolutePath());
            }
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /** The name a shipped file has in the working directory: its alias after {@code #}, else its file name. */
    static String alias(String entry) {
        int hash = entry.lastIndexOf('#');
        if (hash >= 0) return entry.substring(hash + 1);
        String path = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public Path path() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
