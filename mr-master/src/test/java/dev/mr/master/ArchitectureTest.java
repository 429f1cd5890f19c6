package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The design keeps Vert.x at the edges (STYLE.md): this scan of the sources keeps it that way.
 * Only the {@code http} adapter package and {@code *Main} classes import {@code io.vertx}; the
 * core, the jobs, the journal and the scheduler are plain Java that tests drive without a server.
 * And the scheduler is pure (DESIGN.md): no clock, thread, lock, I/O, logging or unseeded
 * randomness, so that it replays from the journal and simulates ten thousand workers.
 */
class ArchitectureTest {

    static final Path SOURCES = Path.of("src/main/java/dev/mr/master");
    static final Path SCHEDULER = SOURCES.resolve("scheduler");
    static final Pattern IMPURE = Pattern.compile(
            "System\\.currentTimeMillis|System\\.nanoTime|new Random\\(\\)|Math\\.random|ThreadLocalRandom|Instant\\.now|Clock|"
                    + "import java\\.io\\.|import java\\.nio\\.|import java\\.net\\.|new Thread|Executor|synchronized|Thread\\.sleep|"
                    + "java\\.util\\.concurrent|import io\\.vertx|import org\\.slf4j|System\\.(out|err)");

    @Test
    void theSchedulerIsPure() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(SCHEDULER)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
                scanned++;
                Matcher m = IMPURE.matcher(Files.readString(p));
                while (m.find()) offenders.add(SOURCES.relativize(p) + ": " + m.group());
            }
        }
        assertEquals(List.of(), offenders, "clock, threads, I/O, logging or unseeded randomness in dev.mr.master.scheduler");
        if (scanned < 30) throw new AssertionError("scanned only " + scanned + " scheduler files; is " + SCHEDULER.toAbsolutePath() + " right?");
    }

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
