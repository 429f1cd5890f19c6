package dev.mr.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every test JVM one cluster secret, as {@code MR_SECRET_FILE} gives a shell: the
 * daemons, clients and tasks a test starts in-process all find it through the
 * {@value ClusterSecret#PROPERTY} system property, so every existing test runs with security
 * on. Registered by service loading in the test resources of each module that starts daemons.
 */
public final class ClusterSecretExtension implements BeforeAllCallback {

    /** The secret file of this JVM's tests, created on first use. */
    public static synchronized Path secretFile() {
        String set = System.getProperty(ClusterSecret.PROPERTY);
        if (set != null) return Path.of(set);
        try {
            Path dir = Files.createTempDirectory("mr-test-secret");
            Path file = dir.resolve("secret");
            ClusterSecret.loadOrCreate(file);
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            System.setProperty(ClusterSecret.PROPERTY, file.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a daemon of this JVM's tests holds: the test secret's keys and credentials. */
    public static ClusterSecurity security() {
        try {
            return ClusterSecurity.secure(ClusterSecret.load(secretFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The capability to fetch {@code jobId}'s map outputs. */
    public static String shuffleToken(String jobId) {
        return security().grant(Capability.Kind.SHUFFLE, jobId);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        secretFile();
    }
}
