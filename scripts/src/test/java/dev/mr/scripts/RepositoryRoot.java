package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's top, for unit tests that read the tree (surefire runs in the scripts module's directory; failsafe passes mr.home as well). */
final class RepositoryRoot {

    private RepositoryRoot() {}

    static Path find() {
        String home = System.getProperty("mr.home");
        Path root = (home != null ? Path.of(home) : Path.of("").toAbsolutePath().getParent()).normalize();
        assertTrue(Files.isRegularFile(root.resolve(".ci/run")) && Files.isDirectory(root.resolve("scripts/lib")),
                () -> "not the repository's top: " + root);
        return root;
    }
}
