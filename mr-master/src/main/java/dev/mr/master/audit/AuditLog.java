package dev.mr.master.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@link AuditEntry} lines to one file ({@code <dir>/master/audit.log}) and nowhere
 * else. {@link #append} never blocks on the disk, so event loops may call it: lines are written,
 * in the order they were appended, by one thread of its own ({@code mr-master-audit}), which
 * flushes whenever it has no more lines waiting. A line that cannot be written is reported in
 * the master's log, once per failure streak, and the daemon carries on: the audit log records
 * what happened, it does not gate it (so too when the disk falls {@value #MAX_WAITING} lines behind).
 *
 * <p>Thread-safe. {@link #close} writes what was appended before it and closes the file.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /** Lines waiting for a stuck disk, at most: past that they are dropped (and said so) rather than fill the heap. */
    private static final int MAX_WAITING = 100_000;

    private final Path file;
    private final BufferedWriter out; // confined to the writer thread after construction
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_WAITING), r -> {
        Thread t = new Thread(r, "mr-master-audit");
        t.setDaemon(true);
        return t;
    });
    private boolean failing; // writer thread only

    private AuditLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it (and its directory) if needed. */
    public static AuditLog open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new AuditLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    public Path file() {
        return file;
    }

    /** Queues the entry's line; returns at once. After {@link #close} the entry is dropped. */
    public void append(AuditEntry entry) {
        String line = entry.toLine();
        try {
            writer.execute(() -> write(line));
        } catch (RejectedExecutionException e) {
            if (writer.isShutdown()) LOG.debug("audit log closed, not written: {}", line);
            else LOG.warn("audit log {} is {} lines behind the disk; dropped: {}", file, MAX_WAITING, line);
        }
    }

    private void write(String line) {
        try {
            out.write(line);
            out.newLine();
            if (!writer.getQueue().isEmpty()) return; // flush once after a burst, not per line
            out.flush();
            failing = false;
        } catch (IOException e) {
            if (!failing) LOG.error("cannot write the audit log {}: {}", file, e.toString());
            failing = true;
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) LOG.warn("audit log {}: lines still waiting at close were dropped", file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing the audit log {}: {}", file, e.toString());
        }
    }
}
