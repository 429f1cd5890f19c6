package dev.mr.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one parseable line each bench program prints on stderr when it is done, e.g.
 * {@code bench-result program=HandWordCount threads=2 input_bytes=1073741824 elapsed_ms=2100 peak_rss_kb=181234}.
 * Peak memory is the kernel's high-water mark of resident memory ({@code VmHWM}), so it
 * counts the whole JVM, not just the Java heap.
 */
final class BenchReport {
    private BenchReport() {}

    static void print(String program, int threads, long inputBytes, long startNanos) {
        long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
        System.err.printf("bench-result program=%s threads=%d input_bytes=%d elapsed_ms=%d peak_rss_kb=%d%n",
                program, threads, inputBytes, elapsedMs, peakRssKb());
    }

    /** {@code VmHWM} of this process in kB, or -1 where /proc is not there. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report unknown rather than fail the run
        }
        return -1;
    }

    /** Runs {@code main}'s body, turning a bad argument into a one-line error and exit code 2. */
    static void run(String program, Body body) {
        try {
            body.run();
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println(program + " failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    interface Body {
        void run() throws Exception;
    }
}
