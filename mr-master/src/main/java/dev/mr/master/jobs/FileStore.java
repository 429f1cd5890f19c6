package dev.mr.master.jobs;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files jobs ship ({@code -files}, {@code -libjars}, {@code -archives}), by content:
 * {@code <dir>/<sha256>}, one copy however many jobs ship the same bytes, which workers fetch
 * through the REST API. A file is kept while a job on record that has not ended holds it (its
 * journal record lists it, so a restarted master holds it again for each resumed job, then
 * {@link #sweep}s the rest), and deleted when the last such job ends. Uploads come in already
 * checked against their hashes. Blocking disk I/O; thread-safe (guarded by {@code this}).
 */
public final class FileStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;
    private final Map<String, Set<String>> holders = new HashMap<>(); // sha256 -> ids of the jobs that hold it

    public FileStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Whether {@code sha256} is a lower-case hex SHA-256, as file names here are. */
    public static boolean isSha256(String sha256) {
        return sha256 != null && SHA256.matcher(sha256).matches();
    }

    public Path path(String sha256) {
        if (!isSha256(sha256)) throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 in hex");
        return dir.resolve(sha256);
    }

    /** Moves the uploads (by their checked SHA-256) in, unless the same content is here already, and holds them for {@code jobId}. */
    public synchronized void keep(String jobId, Map<String, Path> uploads) throws IOException {
        for (Map.Entry<String, Path> u : uploads.entrySet()) {
            Path target = path(u.getKey());
            if (!Files.exists(target)) {
                Path tmp = dir.resolve(u.getKey() + ".tmp");
                try {
                    Files.move(u.getValue(), tmp, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Files.copy(u.getValue(), tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            holders.computeIfAbsent(u.getKey(), k -> new HashSet<>()).add(jobId);
        }
    }

    /** {@code jobId}, on record and not ended, needs these files (a master resuming it after a restart). */
    public synchronized void hold(String jobId, Collection<String> sha256s) {
        for (String sha : sha256s) holders.computeIfAbsent(sha, k -> new HashSet<>()).add(jobId);
    }

    /** {@code jobId} ended, or was never accepted: the files no other job holds are deleted. */
    public synchronized void release(String jobId) {
        for (String sha : List.copyOf(holders.keySet())) {
            Set<String> jobs = holders.get(sha);
            if (jobs.remove(jobId) && jobs.isEmpty()) {
                holders.remove(sha);
                delete(dir.resolve(sha));
            }
        }
    }

    /** Deletes every file no job holds (and half-moved ones); once the resumed jobs hold theirs. Returns how many went. */
    public synchronized int sweep() throws IOException {
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (!holders.containsKey(p.getFileName().toString())) {
                    delete(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete the shipped file {}: {}", p, e.toString()); // costs disk space only
        }
    }
}
