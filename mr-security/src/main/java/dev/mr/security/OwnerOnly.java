package dev.mr.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories that hold what only the daemon's own user may read: the master's, whose journal
 * keeps every job's settings with their credentials (a restarted master resumes a job with
 * them), and whose uploads hold submitted specs. Mode 0700, set on every start, so a directory
 * made by an older version or under a loose umask is tightened too; on a file system without
 * POSIX permissions nothing is changed. Stateless.
 */
public final class OwnerOnly {

    private OwnerOnly() {}

    /** Creates {@code dir} (and its parents) when missing and makes it {@code rwx------}; returns it. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view != null) view.setPermissions(PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
