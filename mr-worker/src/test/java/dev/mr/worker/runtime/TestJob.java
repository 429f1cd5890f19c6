package dev.mr.worker.runtime;

import dev.mr.api.Context;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The job the worker tests run: word count, with switches in its settings to hold map {@code i}
 * at the gate named {@code <}{@value #GATE}{@code >-i} until the test opens it, and to fail on a
 * word ({@value #FAIL_ON}) after printing a line. For executors, the ways user code takes a JVM down or
 * hangs it, each on a word: exit with code 3 ({@value #EXIT_ON}), spin ignoring interrupts in the
 * task's first attempt ({@value #SPIN_ON}), allocate without bound ({@value #HOARD_ON}); and
 * {@value #LINGER}, a non-daemon thread started in setup that never ends; {@value #SLOW_MS}
 * sleeps that long on every line in the task's first attempt; {@value #SPIN_MARKER} names a file
 * created when the spinning starts. Its classes are also packed into a jar, as a user's job would be.
 */
public final class TestJob {

    public static final String GATE = "test.gate";
    public static final String FAIL_ON = "test.fail.on";
    public static final String EXIT_ON = "test.exit.on";
    public static final String SPIN_ON = "test.spin.on";
    public static final String HOARD_ON = "test.hoard.on";
    public static final String LINGER = "test.linger";
    public static final String SLOW_MS = "test.slow.ms";
    public static final String SPIN_MARKER = "test.spin.marker";

    /** Gates by name: a map whose job names one waits in setup until it opens. */
    public static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    /** Names of gates at which a map was interrupted. */
    public static final Set<String> INTERRUPTED = ConcurrentHashMap.newKeySet();

    private TestJob() {}

    public static void open(String gate) {
        GATES.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();
    }

    public static final class WordMapper implements Mapper<Long, String, String, Long> {
        private String failOn;
        private String exitOn;
        private String spinOn;
        private String hoardOn;
        private long slowMs;
        private String spinMarker;

        @Override
        public void setup(Context<String, Long> context) throws Exception {
            failOn = context.conf().get(FAIL_ON);
            exitOn = context.conf().get(EXIT_ON);
            hoardOn = context.conf().get(HOARD_ON);
            spinMarker = context.conf().get(SPIN_MARKER);
            if (context.task().attemptId().endsWith("_0")) {
                spinOn = context.conf().get(SPIN_ON);
                slowMs = context.conf().getLong(SLOW_MS, 0);
            }
            if (context.conf().getBoolean(LINGER, false)) {
                Thread t = new Thread(() -> {
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            // a lingering thread ignores it
                        }
                    }
                }, "lingering-user-thread");
                t.setDaemon(false);
                t.start();
            }
            String prefix = context.conf().get(GATE);
            if (prefix == null) return;
            String gate = prefix + "-" + context.task().partition();
            try {
                GATES.computeIfAbsent(gate, g -> new CountDownLatch(1)).await();
            } catch (InterruptedException e) {
                INTERRUPTED.add(gate);
                throw e;
            }
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws InterruptedException {
            if (slowMs > 0) Thread.sleep(slowMs);
            for (String w : line.split("\\s+")) {
                if (w.isEmpty()) continue;
                if (w.equals(exitOn)) {
                    System.err.println("exiting on '" + w + "'");
                    System.exit(3);
                }
                if (w.equals(spinOn)) {
                    if (spinMarker != null) {
                        try {
                            java.nio.file.Files.createFile(java.nio.file.Path.of(spinMarker));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    spin();
                }
                if (w.equals(hoardOn)) hoard();
                if (w.equals(failOn)) {
                    System.out.println("about to fail on '" + w + "' at offset " + offset);
                    throw new IllegalStateException("the test job refuses the word " + w);
                }
                context.write(w, 1L);
            }
        }
    }

    static volatile long sink;

    /** Busy forever, deaf to interrupts, as a buggy loop is. */
    private static void spin() {
        long x = 0;
        while (x >= 0) {
            x = (x * 31 + 7) & 0xFFFF;
            sink = x;
        }
    }

    static final List<long[]> HOARD = new ArrayList<>();

    private static void hoard() {
        while (true) HOARD.add(new long[1 << 20]);
    }

    public static final class SumReducer implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String word, Iterable<Long> counts, Context<String, Long> context) {
            long sum = 0;
            for (long c : counts) sum += c;
            context.write(word, sum);
        }
    }

    /** A jar holding this job's classes, as {@code mr-submit} would upload it. */
    public static byte[] jar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Class<?> c : new Class<?>[] {TestJob.class, WordMapper.class, SumReducer.class}) {
                String name = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = TestJob.class.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
