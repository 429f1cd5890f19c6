package dev.mr.worker.runtime;

import dev.mr.api.Context;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The job the worker tests run: word count, with switches in its settings to hold map {@code i}
 * at the gate named {@code <}{@value #GATE}{@code >-i} until the test opens it, and to fail on a
 * word ({@value #FAIL_ON}) after printing a line. Its classes are also packed into a jar, as a user's job would be.
 */
public final class TestJob {

    public static final String GATE = "test.gate";
    public static final String FAIL_ON = "test.fail.on";

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

        @Override
        public void setup(Context<String, Long> context) throws Exception {
            failOn = context.conf().get(FAIL_ON);
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
        public void map(Long offset, String line, Context<String, Long> context) {
            for (String w : line.split("\\s+")) {
                if (w.isEmpty()) continue;
                if (w.equals(failOn)) {
                    System.out.println("about to fail on '" + w + "' at offset " + offset);
                    throw new IllegalStateException("the test job refuses the word " + w);
                }
                context.write(w, 1L);
            }
        }
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
