package dev.mr.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The one secret a cluster shares: 256 random bits, kept as 64 hex digits in a file only its
 * owner may read (mode 0600). Every key the cluster uses is derived from it by HMAC with a
 * purpose label, so a signed request can never pass for a token or a capability. Like ssh with
 * a private key, a file that its group or others may read is refused.
 *
 * <p>Immutable and thread-safe. Never printed: {@link #toString} says only where it came from.
 */
public final class ClusterSecret {

    /** The environment variable every daemon and client reads: the path of the secret file. */
    public static final String ENV = "MR_SECRET_FILE";
    /** The same as a system property or {@code -D} setting (tests, drivers). */
    public static final String PROPERTY = "mr.secret.file";

    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final byte[] bytes;
    private final Path file;

    private ClusterSecret(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    /** Reads the secret in {@code file}; refuses a missing, unreadable, malformed or group/other-readable file. */
    public static ClusterSecret load(Path file) throws CredentialsException {
        String text;
        try {
            checkPermissions(file);
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            throw new CredentialsException("the secret file " + file + " does not exist: give the cluster's secret file with "
                    + "--secret-file or " + ENV + " (the master creates DIR/secret on its first start)");
        } catch (AccessDeniedException e) {
            throw new CredentialsException("the secret file " + file + " cannot be read by this user: run as the cluster's user, "
                    + "or give a readable copy (mode 0600) with --secret-file or " + ENV);
        } catch (CredentialsException e) {
            throw e;
        } catch (IOException e) {
            throw new CredentialsException("the secret file " + file + " cannot be read: " + e.getMessage());
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length < BYTES) {
            throw new CredentialsException("the secret file " + file + " does not hold a cluster secret (64 hex digits): "
                    + "give the file the master created, or make one with: openssl rand -hex 32 > FILE; chmod 600 FILE");
        }
        return new ClusterSecret(bytes, file);
    }

    /** Loads {@code file}, first creating it with a new random secret (mode 0600) when it does not exist. */
    public static ClusterSecret loadOrCreate(Path file) throws CredentialsException {
        if (!Files.exists(file)) {
            byte[] b = new byte[BYTES];
            new SecureRandom().nextBytes(b);
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".new");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(tmp, HexFormat.of().formatHex(b) + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, file); // not REPLACE_EXISTING: a secret another process just wrote wins
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            } catch (IOException e) {
                throw new CredentialsException("cannot create the secret file " + file + ": " + e.getMessage());
            }
        }
        return load(file);
    }

    /** Where the secret came from (never its value). */
    public Path file() {
        return file;
    }

    /** The key for one purpose: HMAC-SHA256(secret, purpose). */
    byte[] derive(String purpose) {
        return new Hmac(bytes).mac("mr/" + purpose);
    }

    private static void checkPermissions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
            throw new CredentialsException("the secret file " + file + " is not a regular file");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) return; // not a POSIX file system: nothing to check
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        Set<PosixFilePermission> loose = EnumSet.copyOf(perms);
        loose.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        if (!loose.isEmpty()) {
            throw new CredentialsException("the secret file " + file + " may be read by its group or others (mode "
                    + PosixFilePermissions.toString(perms) + "): run chmod 600 " + file + " and start again");
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[" + file + "]";
    }
}
