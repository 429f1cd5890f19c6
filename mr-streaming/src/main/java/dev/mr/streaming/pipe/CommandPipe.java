package dev.mr.streaming.pipe;

import dev.mr.api.serde.ByteBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a streaming command, {@code /bin/sh -c COMMAND}: lines in on its stdin, lines out of
 * its stdout, Hadoop's reporter protocol on its stderr.
 *
 * <p>Threads. The owner (the task's thread) calls {@link #send}, {@link #finish} and {@link #close},
 * and receives everything the command says through its {@link Listener}, on its own thread: no
 * other thread ever touches the task's {@code Context}. A writer thread feeds stdin; two reader
 * threads read stdout and stderr. They meet in this object's monitor (guarded by {@code this}):
 * input waiting for the writer and events waiting for the owner are both bounded in bytes.
 *
 * <p>No deadlock: the owner waits only when the input is full <em>and</em> no event is waiting;
 * a reader waits only when the events are full, which wakes the owner to drain them. So a
 * command that writes far more than a pipe holds before it reads on, or that reads all its input
 * before it writes, keeps moving; memory stays bounded either way.
 */
public final class CommandPipe implements AutoCloseable {

    /** What the command says, delivered on the owner's thread. */
    public interface Listener {
        /** One line of stdout, without its line end. */
        void output(byte[] buf, int off, int len) throws Exception;

        void reporter(ReporterLine line);

        /** A stderr line that is not a reporter line. */
        void log(String line);
    }

    static final int BATCH = 64 * 1024;
    private static final int INPUT_LIMIT = 1 << 20;
    private static final int EVENT_LIMIT = 4 << 20;
    private static final int STDERR_LINE_MAX = 64 * 1024;

    private final String command;
    private final Process process;
    private final List<ProcessHandle> family = new ArrayList<>();
    private final Listener listener;
    private final StderrTail tail;
    private final long graceMs;
    private final ByteBuilder batch = new ByteBuilder(BATCH + 1024);

    // guarded by this
    private final ArrayDeque<byte[]> input = new ArrayDeque<>();
    private long inputBytes;
    private boolean inputEnded;
    private IOException writeFailure;
    private final ArrayDeque<Object> events = new ArrayDeque<>();
    private long eventBytes;
    private int readersOpen = 2;
    private boolean closed;

    private CommandPipe(String command, Process process, Listener listener, int tailBytes, long graceMs) {
        this.command = command;
        this.process = process;
        this.listener = listener;
        this.tail = new StderrTail(tailBytes);
        this.graceMs = graceMs;
    }

    /**
     * Starts {@code /bin/sh -c command} in {@code dir} with exactly {@code env} as its environment.
     *
     * @throws CommandFailedException when the shell itself cannot be started
     */
    public static CommandPipe start(String command, Path dir, Map<String, String> env, Listener listener,
                                    int tailBytes, long graceMs) throws CommandFailedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CommandFailedException("cannot run `" + command + "`: " + e.getMessage(), e);
        }
        CommandPipe pipe = new CommandPipe(command, p, listener, tailBytes, graceMs);
        pipe.thread("stdin", pipe::writeInput);
        pipe.thread("stdout", pipe::readOutput);
        pipe.thread("stderr", pipe::readErrors);
        return pipe;
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, "streaming-" + name + "-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    // ---- the owner's side

    /** Sends one input line; {@code b[off, off+len)} must not hold a newline, which is added. */
    public void send(byte[] b, int off, int len) throws Exception {
        batch.write(b, off, len);
        batch.write('\n');
        if (batch.length() >= BATCH) flushBatch();
    }

    /** Sends one input line made of {@code a}, a tab and {@code b}. */
    public void send(byte[] a, int aLen, byte[] b, int bLen) throws Exception {
        batch.write(a, 0, aLen);
        batch.write('\t');
        batch.write(b, 0, bLen);
        batch.write('\n');
        if (batch.length() >= BATCH) flushBatch();
    }

    private void flushBatch() throws Exception {
        if (batch.length() == 0) return;
        byte[] chunk = batch.toByteArray();
        batch.reset();
        while (true) {
            Object[] ready;
            synchronized (this) {
                if (writeFailure != null) throw failure();
                if (inputBytes == 0 || inputBytes + chunk.length <= INPUT_LIMIT) {
                    input.add(chunk);
                    inputBytes += chunk.length;
                    notifyAll();
                    ready = takeEvents();
                    chunk = null;
                } else {
                    while (events.isEmpty() && writeFailure == null && inputBytes + chunk.length > INPUT_LIMIT) wait();
                    ready = takeEvents();
                }
            }
            deliver(ready);
            if (chunk == null) return;
        }
    }

    /**
     * Ends the input, delivers the rest of the output and waits for the command's end.
     *
     * @throws CommandFailedException when it exited with a non-zero status, died of a signal, or
     *                                stopped reading before the end of its input
     */
    public void finish() throws Exception {
        flushBatch();
        synchronized (this) {
            inputEnded = true;
            notifyAll();
        }
        while (true) {
            Object[] ready;
            synchronized (this) {
                while (events.isEmpty() && readersOpen > 0) wait();
                if (events.isEmpty()) break;
                ready = takeEvents();
            }
            deliver(ready);
        }
        process.waitFor();
        synchronized (this) {
            while (!input.isEmpty() && writeFailure == null) wait(); // the writer is at most closing stdin
        }
        if (process.exitValue() != 0 || writeFailure() != null) throw failure();
    }

    private synchronized IOException writeFailure() {
        return writeFailure;
    }

    /** Stops the command if it still runs, its children too: a polite signal, then after the grace period a kill. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (!process.isAlive()) return;
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(graceMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private Object[] takeEvents() {
        Object[] ready = events.toArray();
        events.clear();
        eventBytes = 0;
        notifyAll();
        return ready;
    }

    private void deliver(Object[] ready) throws Exception {
        for (Object e : ready) {
            if (e instanceof byte[] lines) {
                int start = 0;
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i] != '\n') continue;
                    int end = i > start && lines[i - 1] == '\r' ? i - 1 : i;
                    listener.output(lines, start, end - start);
                    start = i + 1;
                }
            } else if (e instanceof ReporterLine r) {
                listener.reporter(r);
            } else {
                listener.log((String) e);
            }
        }
    }

    /** The error for a command that failed; waits a grace period for its exit status when it is still running. */
    private CommandFailedException failure() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
        boolean exited = process.waitFor(graceMs, TimeUnit.MILLISECONDS);
        awaitReaders(deadline); // the traceback is often the last thing it wrote: read stderr to its end
        IOException broken = writeFailure();
        return new CommandFailedException(FailureMessage.of(command, exited ? process.exitValue() : null,
                broken == null ? null : broken.getMessage(), tail.text()));
    }

    /** Waits until both readers have met the end of their stream, or the deadline; their events are dropped: the run failed. */
    private synchronized void awaitReaders(long deadline) throws InterruptedException {
        for (long left; readersOpen > 0 && (left = deadline - System.nanoTime()) > 0; ) {
            events.clear();
            eventBytes = 0;
            notifyAll();
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    // ---- the writer and readers

    private void writeInput() {
        try (OutputStream stdin = process.getOutputStream()) {
            while (true) {
                byte[] chunk;
                synchronized (this) {
                    while (input.isEmpty() && !inputEnded && !closed) wait();
                    if (input.isEmpty() || closed) break;
                    chunk = input.peek();
                }
                stdin.write(chunk);
                stdin.flush();
                synchronized (this) {
                    input.poll();
                    inputBytes -= chunk.length;
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                writeFailure = e;
                input.clear();
                inputBytes = 0;
                notifyAll();
            }
        } catch (InterruptedException e) {
            // not interrupted by anyone but the JVM's end
        }
    }

    private void readOutput() {
        try (InputStream out = process.getInputStream()) {
            byte[] buf = new byte[BATCH];
            int filled = 0;
            for (int n; (n = out.read(buf, filled, buf.length - filled)) > 0; ) {
                int from = filled;
                filled += n;
                int lastEnd = -1;
                for (int i = filled - 1; i >= from; i--) {
                    if (buf[i] == '\n') {
                        lastEnd = i;
                        break;
                    }
                }
                if (lastEnd >= 0) {
                    byte[] lines = java.util.Arrays.copyOf(buf, lastEnd + 1);
                    System.arraycopy(buf, lastEnd + 1, buf, 0, filled - lastEnd - 1);
                    filled -= lastEnd + 1;
                    if (!post(lines, lines.length)) return;
                } else if (filled == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2); // one line longer than the buffer
                }
            }
            if (filled > 0) { // the last line had no newline: still a line, as Hadoop reads it
                byte[] last = java.util.Arrays.copyOf(buf, filled + 1);
                last[filled] = '\n';
                post(last, last.length);
            }
        } catch (IOException e) {
            tail.append("(reading the command's stdout failed: " + e.getMessage() + ")");
        } finally {
            readerDone();
        }
    }

    private void readErrors() {
        try (InputStream err = process.getErrorStream()) {
            ByteBuilder line = new ByteBuilder(256);
            byte[] buf = new byte[8192];
            for (int n; (n = err.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        if (!errorLine(line)) return;
                        line.reset();
                    } else if (line.length() < STDERR_LINE_MAX) {
                        line.write(buf[i]);
                    }
                }
            }
            if (line.length() > 0) errorLine(line);
        } catch (IOException e) {
            tail.append("(reading the command's stderr failed: " + e.getMessage() + ")");
        } finally {
            readerDone();
        }
    }

    private boolean errorLine(ByteBuilder bytes) {
        int len = bytes.length();
        if (len > 0 && bytes.array()[len - 1] == '\r') len--;
        String text = new String(bytes.array(), 0, len, java.nio.charset.StandardCharsets.UTF_8);
        ReporterLine r = ReporterLine.parse(text);
        if (r != null) return post(r, len);
        tail.append(text);
        return post(text, len);
    }

    /** Queues an event for the owner, waiting while the queue is full; false once the pipe is closed. */
    private synchronized boolean post(Object event, int bytes) {
        try {
            while (eventBytes >= EVENT_LIMIT && !closed) wait();
        } catch (InterruptedException e) {
            return false;
        }
        if (closed) return false;
        events.add(event);
        eventBytes += bytes;
        notifyAll();
        return true;
    }

    private synchronized void readerDone() {
        readersOpen--;
        notifyAll();
    }
}
