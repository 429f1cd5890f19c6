package dev.mr.worker.runtime;

import dev.mr.api.spi.AttemptId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * A worker's directory, {@code <dir>/worker/}: {@code chunks/} (the chunk server's replicas,
 * kept across restarts), {@code jobs/<jobId>/<attemptId>/} (an attempt's scratch space; a map's
 * {@code file.out} and {@code file.out.index} stay there while the worker serves them),
 * {@code jobs/<jobId>/files/<alias>} (links to the job's shipped files), {@code cache/<sha256>}
 * (job jars and shipped files by content, kept across restarts: {@link ContentCache}),
 * {@code tmp/}, {@code worker.log}, {@code worker-id}
 * (the worker's id, stable across restarts) and {@code .lock} (held while a worker uses the
 * directory). Job ids become directory names only after {@link #checkJobId}. Thread-safe
 * (no mutable state besides the lock, taken once).
 */
public final class WorkerDirs {

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");

    private final Path root;
    private FileChannel lockChannel;

    public WorkerDirs(Path dir) {
        this.root = dir.toAbsolutePath().normalize().resolve("worker");
    }

    public Path root() {
        return root;
    }

    public Path chunks() {
        return root.resolve("chunks");
    }

    public Path jobs() {
        return root.resolve("jobs");
    }

    public Path cache() {
        return root.resolve("cache");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path logFile() {
        return root.resolve("worker.log");
    }

    /**
     * Creates the layout, takes the directory's lock, and deletes what an earlier life of this
     * worker left in {@code jobs/} and {@code tmp/}: the master takes its map outputs as lost
     * when it registers again ({@code cache/} stays). Returns how many entries were removed.
     */
    public synchronized int prepare() throws IOException {
        Files.createDirectories(root);
        if (lockChannel == null) {
            FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw new IOException("another worker is using " + root + "; give each worker its own --dir");
            }
            lockChannel = ch;
        }
        int removed = 0;
        for (Path p : new Path[] {jobs(), tmp()}) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path child : s.toList()) {
                        PathUtils.delete(child);
                        removed++;
                    }
                }
            }
            Files.createDirectories(p);
        }
        Files.createDirectories(chunks());
        return removed;
    }

    /** The worker's id: read from {@code worker-id}, or made up and stored there the first time. */
    public String workerId() throws IOException {
        Path file = root.resolve("worker-id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) return id;
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String id = "worker-" + HexFormat.of().formatHex(random);
        Path tmp = root.resolve("worker-id.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    /** Throws unless {@code jobId} is safe as a single file name. */
    public static String checkJobId(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches() || jobId.contains("..")) {
            throw new IllegalArgumentException("'" + jobId + "' is not a job id this worker accepts");
        }
        return jobId;
    }

    public Path jobDir(String jobId) {
        return jobs().resolve(checkJobId(jobId));
    }

    public Path attemptDir(AttemptId attempt) {
        return jobDir(attempt.task().jobId()).resolve(attempt.toString());
    }

    /** Releases the directory's lock. */
    public synchronized void release() throws IOException {
        if (lockChannel != null) {
            lockChannel.close();
            lockChannel = null;
        }
    }
}
