package dev.mr.master.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The accepted jobs' jars, one file each: {@code <dir>/<jobId>.jar}, which workers fetch
 * through the REST API. Nothing is written here before a job is accepted. Blocking disk I/O;
 * thread-safe (each job id is written once).
 */
public final class JarStore {

    private final Path dir;

    public JarStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path path(String jobId) {
        return dir.resolve(jobId + ".jar");
    }

    /** Moves an accepted upload into the store under its job's id. */
    public void keep(Path upload, String jobId) throws IOException {
        Path target = path(jobId);
        Path tmp = dir.resolve(jobId + ".jar.tmp");
        try {
            Files.move(upload, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.copy(upload, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a job's jar, for a submission that failed after its jar was kept. */
    public void remove(String jobId) {
        try {
            Files.deleteIfExists(path(jobId));
        } catch (IOException ignored) {
            // an orphan jar costs disk space only
        }
    }

    /** The hex SHA-256 of a file, which workers check the jar they fetch against. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        byte[] buf = new byte[64 << 10];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
