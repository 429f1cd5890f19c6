package dev.mr.worker.executor;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import dev.mr.worker.local.LocalJobRunner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.commons.io.file.PathUtils;

/**
 * What a spare executor does while it waits for its job, once its worker says it is idle (so that
 * it takes no CPU from running tasks): it runs a small word count through the
 * framework's own task code (text input, map output collection, sort, spill, combine, merge,
 * reduce, text output) in this JVM, so that the JIT has compiled the framework's hot paths before
 * the job's first task needs them, as they are in a worker daemon that has run jobs before. A
 * fresh JVM otherwise spends its job's first seconds compiling. It stops at the first record
 * check after {@link #stop}, and leaves nothing behind in {@code dir}.
 *
 * <p>Threads: {@link #run} on a thread of its own; {@link #stop} from the thread that got the job.
 */
final class Warmup implements Runnable {

    private static final int LINES = 120_000;

    private final Path dir;
    private volatile Thread thread;

    Warmup(Path dir) {
        this.dir = dir;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Path home = dir.resolve("warmup");
        try {
            Path input = Files.createDirectories(home).resolve("words.txt");
            write(input);
            for (int round = 0; round < 2 && !Thread.currentThread().isInterrupted(); round++) {
                Configuration conf = new Configuration()
                        .set(ConfKeys.MAPPER, WordMapper.class.getName())
                        .set(ConfKeys.COMBINER, SumReducer.class.getName())
                        .set(ConfKeys.REDUCER, SumReducer.class.getName())
                        .setInt(ConfKeys.REDUCERS, 2)
                        .set(ConfKeys.INPUT_PATHS, input.toString())
                        .set(ConfKeys.OUTPUT_PATH, home.resolve("out-" + round).toString())
                        .setInt(ConfKeys.LOCAL_THREADS, 1)
                        .set(ConfKeys.LOCAL_DIR, home.resolve("scratch").toString())
                        .setInt(ConfKeys.SORT_BUFFER_MB, 4);
                new LocalJobRunner().run(conf, Warmup.class.getClassLoader(), false);
            }
        } catch (IOException | RuntimeException e) {
            // a warm-up that cannot run costs nothing but the warmth
        } catch (InterruptedException e) {
            // the job came
        } finally {
            try {
                if (Files.exists(home)) PathUtils.delete(home);
            } catch (IOException e) {
                // the executor's directory goes with it
            }
        }
    }

    /** The job came: the warm-up yields the CPU to it. */
    void stop() {
        Thread t = thread;
        if (t != null) t.interrupt();
    }

    private static void write(Path file) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES && !Thread.currentThread().isInterrupted(); i++) {
                for (int j = 0; j < 6; j++) {
                    if (j > 0) w.write(' ');
                    w.write("w");
                    w.write(Integer.toString(r.nextInt(20_000)));
                }
                w.write('\n');
            }
        }
    }

    /** (word, 1) for each word of a line. */
    public static final class WordMapper implements Mapper<Long, String, String, Long> {
        @Override
        public void map(Long offset, String line, Context<String, Long> context) {
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == ' ') {
                    if (i > start) context.write(line.substring(start, i), 1L);
                    start = i + 1;
                }
            }
        }
    }

    /** Sums the counts of a word. */
    public static final class SumReducer implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String word, Iterable<Long> counts, Context<String, Long> context) {
            long sum = 0;
            for (long c : counts) sum += c;
            context.write(word, sum);
        }
    }
}
