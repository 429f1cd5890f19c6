package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The design keeps Vert.x at the edges (STYLE.md): this scan of the sources keeps it that way.
 * Only the {@code http} adapter package and {@code *Main} classes import {@code io.vertx}; the
 * core, the jobs, the journal and the scheduler are plain Java that tests drive without a server.
 */
class ArchitectureTest {

    static final Path SOURCES = Path.of("src/main/java/dev/mr/master");

    @Test
    void onlyAdaptersAndMainClassesImportVertx() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
                scanned++;
                boolean adapter = p.getParent().getFileName().toString().equals("http") || p.getFileName().toString().endsWith("Main.java");
                if (!adapter && Files.readString(p).contains("io.vertx")) offenders.add(SOURCES.relativize(p).toString());
            }
        }
        assertEquals(List.of(), offenders, "io.vertx used outside dev.mr.master.http and *Main classes");
        if (scanned < 40) throw new AssertionError("scanned only " + scanned + " files; is " + SOURCES.toAbsolutePath() + " right?");
    }
}
