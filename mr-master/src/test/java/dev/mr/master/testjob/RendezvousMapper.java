package dev.mr.master.testjob;

import dev.mr.api.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A word-counting mapper that makes parallelism observable without timing luck: each attempt
 * leaves a marker {@code <worker>@<attempt>} in the directory {@value #DIR} names, then waits
 * until markers from two different workers exist before it maps a record. So the job finishes
 * only if map attempts ran at the same time on two workers; otherwise an attempt fails after
 * {@value #DEADLINE_MS} ms naming what it saw.
 */
public class RendezvousMapper extends WordMapper {

    public static final String DIR = "test.rendezvous.dir";
    static final long DEADLINE_MS = 60_000;

    @Override
    public void setup(Context<String, Long> context) throws Exception {
        Path dir = Path.of(context.conf().require(DIR));
        Files.createFile(dir.resolve(context.task().workerId() + "@" + context.task().attemptId()));
        long end = System.nanoTime() + DEADLINE_MS * 1_000_000;
        Set<String> workers = workers(dir);
        while (workers.size() < 2) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("map attempts started within " + DEADLINE_MS + " ms on workers " + workers + " only: no parallel map on two workers");
            }
            Thread.sleep(10);
            workers = workers(dir);
        }
    }

    private static Set<String> workers(Path dir) throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> markers = Files.list(dir)) {
            markers.forEach(m -> out.add(m.getFileName().toString().split("@")[0]));
        }
        return out;
    }
}
