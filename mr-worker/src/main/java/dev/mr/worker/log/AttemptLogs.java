package dev.mr.worker.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Keeps what the threads running attempts print, per attempt, so a failure report can carry the
 * tail of the attempt's log. {@link #install} replaces {@code System.out} and {@code System.err}
 * with streams that pass everything on as before (to the console, and to the worker's log file
 * when given) and also append what a thread between {@link #begin} and {@link #end} prints to
 * that thread's {@link LogTail}. That includes the worker's own log lines written on the task's
 * thread (slf4j-simple writes to {@code System.err}). Threads a task starts itself are not
 * followed. Thread-safe; the routing is by thread-local, so tasks on other threads never mix.
 */
public final class AttemptLogs {

    private static final ThreadLocal<LogTail> CURRENT = new ThreadLocal<>();
    private static PrintStream originalOut;
    private static PrintStream originalErr;

    private AttemptLogs() {}

    /** Routes {@code System.out} and {@code System.err}, copying both to {@code logFile} when it is not null. Idempotent. */
    public static synchronized void install(OutputStream logFile) {
        if (originalOut != null) return;
        originalOut = System.out;
        originalErr = System.err;
        Charset cs = Charset.defaultCharset();
        System.setOut(new PrintStream(new Routing(originalOut, logFile), true, cs));
        System.setErr(new PrintStream(new Routing(originalErr, logFile), true, cs));
    }

    /** Puts the original streams back (for tests). */
    public static synchronized void uninstall() {
        if (originalOut == null) return;
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        originalOut = originalErr = null;
    }

    /** From now on what this thread prints is also kept in the returned tail. */
    public static LogTail begin(int capacity) {
        LogTail tail = new LogTail(capacity);
        CURRENT.set(tail);
        return tail;
    }

    public static void end() {
        CURRENT.remove();
    }

    /** Passes bytes on to the console (and the log file), and to the printing thread's tail if it has one. */
    private static final class Routing extends OutputStream {
        private final OutputStream console;
        private final OutputStream file;

        Routing(OutputStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            if (file != null) {
                try {
                    file.write(b, off, len);
                } catch (IOException e) {
                    // a full disk must not take the console down with it
                }
            }
            LogTail tail = CURRENT.get();
            if (tail != null) tail.append(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            if (file != null) {
                try {
                    file.flush();
                } catch (IOException e) {
                    // as above
                }
            }
        }
    }
}
