package dev.mr.master;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Logging of a daemon: slf4j-simple writes to stderr, and stderr is copied to a log file, so
 * that every line (log lines, and stack traces printed by anything else) lands in both. Must
 * run before the first logger is created. Lines are flushed as written.
 */
final class LogFile {

    private LogFile() {}

    static void start(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.cacheOutputStream", "false");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        OutputStream log = new FileOutputStream(file.toFile(), true);
        System.setErr(new PrintStream(new Tee(System.err, log), true, StandardCharsets.UTF_8));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }

    /** Writes to two streams; a failing log file does not silence stderr. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;
        private boolean secondFailed;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            if (!secondFailed) {
                try {
                    second.write(b);
                } catch (IOException e) {
                    secondFailed = true;
                }
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            if (!secondFailed) {
                try {
                    second.write(b, off, len);
                } catch (IOException e) {
                    secondFailed = true;
                }
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
            if (!secondFailed) second.flush();
        }
    }
}
