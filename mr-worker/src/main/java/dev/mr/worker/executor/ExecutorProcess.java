package dev.mr.worker.executor;

import dev.mr.worker.executor.ExecutorWire.Ended;
import dev.mr.worker.executor.ExecutorWire.Event;
import dev.mr.worker.executor.ExecutorWire.FetchFailed;
import dev.mr.worker.executor.ExecutorWire.Hello;
import dev.mr.worker.executor.ExecutorWire.LoadFailed;
import dev.mr.worker.executor.ExecutorWire.Order;
import dev.mr.worker.executor.ExecutorWire.Started;
import dev.mr.worker.executor.ExecutorWire.Status;
import dev.mr.worker.log.LogTail;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker daemon's handle on one executor JVM: starts it and waits until its job is loaded,
 * sends it orders, hands its events to a {@link Listener} on a reader thread of its own, copies
 * what it prints into the worker's log (keeping the last lines for a death report), and, once the
 * process has ended, says why exactly once: the reason it was stopped for, or its exit as
 * {@link ExitCause} words it. Thread-safe: orders may come from any thread.
 */
public final class ExecutorProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorProcess.class);
    private static final int OUTPUT_TAIL_BYTES = 16 << 10;
    private static final long SIGKILL_AFTER_MS = 2_000;

    /** Where its events go; called on its reader thread. */
    public interface Listener {
        void status(ExecutorProcess executor, Status status);

        void ended(ExecutorProcess executor, Ended ended);

        void fetchFailed(ExecutorProcess executor, FetchFailed failure);

        /**
         * The process has ended; called once, after every other event.
         *
         * @param cause      why, in words for an attempt's error
         * @param stopped    whether the daemon stopped it (told it to exit, or killed it) rather than it ending by itself
         * @param outputTail the last lines it printed
         */
        void died(ExecutorProcess executor, String cause, boolean stopped, String outputTail);
    }

    /** The executor did not come up: its JVM refused to start, or the job did not load in it. */
    public static final class StartFailed extends IOException {
        StartFailed(String message) {
            super(message);
        }
    }

    private volatile String jobId = "(spare)"; // set once, when it is given its job
    private final long heapMb;
    private final java.nio.file.Path tmpDir;
    private final Process process;
    private final DataOutputStream orders;
    private final DataInputStream events;
    private final LogTail output = new LogTail(OUTPUT_TAIL_BYTES);
    private final Thread pump;
    private final long startedAt = System.currentTimeMillis();
    private volatile long heapUsedBytes;
    private volatile String stopReason; // set once the daemon stops it

    private ExecutorProcess(long heapMb, java.nio.file.Path tmpDir, Process process, PrintStream log) {
        this.heapMb = heapMb;
        this.tmpDir = tmpDir;
        this.process = process;
        this.orders = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.events = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.pump = new Thread(() -> pumpOutput(log), "mr-executor-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts an executor JVM that waits for its job: it boots and loads the framework meanwhile,
     * so a spare one started ahead hides that from the job that takes it.
     *
     * @param env changes to the daemon's environment: a null value removes the variable
     * @param log where its output is copied, line by line
     */
    public static ExecutorProcess launch(ExecutorCommand command, Map<String, String> env, PrintStream log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command.args());
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue() == null) pb.environment().remove(e.getKey());
            else pb.environment().put(e.getKey(), e.getValue());
        }
        return new ExecutorProcess(command.heapMb(), command.tmpDir(), pb.start(), log);
    }

    /**
     * Gives a launched executor its job; returns once the job is loaded in it. Throws
     * {@link StartFailed} with the JVM's or the job's own message when it does not come up within
     * {@code startTimeoutMs}. Once.
     */
    public void bind(Hello hello, Listener listener, long startTimeoutMs) throws IOException {
        jobId = hello.jobId();
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(startTimeoutMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (!started.isDone()) kill("it did not load job " + hello.jobId() + " within " + startTimeoutMs / 1000 + " s");
        });
        try {
            send(hello);
            Event first = ExecutorWire.read(events, Event.class);
            if (first instanceof Started s) {
                started.complete(null);
                Thread reader = new Thread(() -> readEvents(listener), "mr-executor-" + hello.jobId() + "-" + s.pid());
                reader.setDaemon(true);
                reader.start();
                LOG.info("executor of {} started: pid {}, heap {} MiB", hello.jobId(), s.pid(), heapMb);
                return;
            }
            started.complete(null);
            if (first instanceof LoadFailed f) {
                kill("its job did not load");
                throw new StartFailed("the executor could not load job " + hello.jobId() + ": " + f.error());
            }
            throw new StartFailed("the executor did not start: " + endedBecause() + tailText(outputTail()));
        } catch (IOException e) {
            started.complete(null);
            if (e instanceof StartFailed) throw e;
            kill("talking to it failed");
            throw new StartFailed("the executor did not start: " + endedBecause() + " (" + e.getMessage() + ")" + tailText(outputTail()));
        }
    }

    public String jobId() {
        return jobId;
    }

    public long pid() {
        return process.pid();
    }

    /** Its {@code java.io.tmpdir}: the daemon deletes it when the process is gone. */
    public java.nio.file.Path tmpDir() {
        return tmpDir;
    }

    public long heapMb() {
        return heapMb;
    }

    public long heapUsedBytes() {
        return heapUsedBytes;
    }

    public long startedAt() {
        return startedAt;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Sends an order; one that cannot be written is dropped: the process is gone and its death is on its way. */
    public void send(Order order) {
        try {
            synchronized (orders) {
                ExecutorWire.write(orders, order);
            }
        } catch (IOException e) {
            LOG.debug("executor of {} (pid {}) did not take an order: {}", jobId, pid(), e.toString());
        }
    }

    /** Asks it to exit; kills it if it is still there after {@code graceMs}. */
    public void stop(String why, long graceMs) {
        if (stopReason == null) stopReason = why;
        send(new ExecutorWire.Exit());
        CompletableFuture.delayedExecutor(graceMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) kill(why + ", and it did not exit within " + graceMs + " ms");
        });
    }

    /** Kills it: SIGTERM, then SIGKILL if it is still there {@value #SIGKILL_AFTER_MS} ms later. */
    public void kill(String why) {
        if (stopReason == null) stopReason = why;
        process.destroy();
        CompletableFuture.delayedExecutor(SIGKILL_AFTER_MS, TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) process.destroyForcibly();
        });
    }

    /** The last lines it printed. */
    public String outputTail() {
        return output.text();
    }

    private void readEvents(Listener listener) {
        try {
            for (Event e; (e = ExecutorWire.read(events, Event.class)) != null; ) {
                if (e instanceof Status s) {
                    heapUsedBytes = s.heapUsedBytes();
                    listener.status(this, s);
                } else if (e instanceof Ended end) {
                    listener.ended(this, end);
                } else if (e instanceof FetchFailed f) {
                    listener.fetchFailed(this, f);
                } else {
                    LOG.warn("executor of {} (pid {}) sent an unexpected {}", jobId, pid(), e.getClass().getSimpleName());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (stopReason == null && process.isAlive()) { // a process the daemon kills has its streams closed under the reader
                LOG.warn("executor of {} (pid {}) sent what is not an event ({}); killing it", jobId, pid(), e.toString());
                kill("it broke the conversation with its worker: " + e.getMessage());
            }
        }
        String cause = endedBecause();
        String reason = stopReason;
        LOG.info("executor of {} (pid {}) ended: {}", jobId, pid(), reason != null ? "stopped: " + reason : cause);
        listener.died(this, reason != null ? "executor (pid " + pid() + ") was stopped: " + reason : cause, reason != null, outputTail());
    }

    /** Waits for the process to end and for its output to be read, then words why it ended. */
    private String endedBecause() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill("it stopped talking but did not exit");
                process.waitFor();
            }
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? "executor stopped answering" : ExitCause.describe(process.exitValue(), outputTail(), heapMb);
    }

    private void pumpOutput(PrintStream log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.append(line + "\n");
                log.println("[executor " + jobId + " pid " + process.pid() + "] " + line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static String tailText(String tail) {
        return tail.isBlank() ? "" : "\nits last output:\n" + tail;
    }
}
