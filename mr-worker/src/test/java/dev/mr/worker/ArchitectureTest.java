package dev.mr.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md keeps Vert.x at the edges and the decision logic pure; these scans of the sources keep
 * it that way: only the {@code http} adapter package and {@code *Main} classes import
 * {@code io.vertx}, the {@code policy} package (fetch plan, retry policy, backoff) touches no
 * clock, thread, socket, disk or unseeded randomness, and the heartbeat loop waits and reads the
 * time only through what it is given.
 */
class ArchitectureTest {

    static final Path SOURCES = Path.of("src/main/java/dev/mr/worker");
    static final Pattern PURE_FORBIDDEN = Pattern.compile(
            "System\\.currentTimeMillis|System\\.nanoTime|new Random\\(|Math\\.random|ThreadLocalRandom|Instant\\.now|Clock|"
                    + "import java\\.io\\.|import java\\.nio\\.|import java\\.net\\.|new Thread|Executor|synchronized|Thread\\.sleep|"
                    + "import io\\.vertx|import org\\.slf4j");

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void onlyAdaptersAndMainClassesImportVertx() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources()) {
            boolean adapter = p.getParent().getFileName().toString().equals("http") || p.getFileName().toString().endsWith("Main.java");
            if (!adapter && Files.readString(p).contains("import io.vertx")) offenders.add(SOURCES.relativize(p).toString());
        }
        assertEquals(List.of(), offenders, "io.vertx imported outside dev.mr.worker.http and *Main classes");
    }

    @Test
    void theDecisionLogicIsPure() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources()) {
            if (!p.getParent().getFileName().toString().equals("policy")) continue;
            var m = PURE_FORBIDDEN.matcher(Files.readString(p));
            while (m.find()) offenders.add(SOURCES.relativize(p) + ": " + m.group());
        }
        assertEquals(List.of(), offenders, "clock, threads, I/O, logging or unseeded randomness in dev.mr.worker.policy");
    }

    @Test
    void theHeartbeatLoopTakesItsTimerAndClock() throws IOException {
        // HeartbeatLoopTest drives it on a manual timer and clock; a wait or a clock of its own would escape them
        String loop = Files.readString(SOURCES.resolve("runtime/HeartbeatLoop.java"));
        var m = Pattern.compile("System\\.currentTimeMillis|System\\.nanoTime|Instant\\.now|Thread\\.sleep|new Thread|Executors|\\.wait\\(")
                .matcher(loop);
        List<String> offenders = new ArrayList<>();
        while (m.find()) offenders.add(m.group());
        assertEquals(List.of(), offenders, "runtime/HeartbeatLoop takes the time and its thread from its timer and clock");
    }

    @Test
    void theScanSeesTheSources() throws IOException {
        // a scan of nothing passes vacuously; make sure the adapters and the pure package are there
        List<String> names = sources().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(true, names.contains("ShuffleHandler.java") && names.contains("FetchPlan.java"), names.toString());
    }
}
