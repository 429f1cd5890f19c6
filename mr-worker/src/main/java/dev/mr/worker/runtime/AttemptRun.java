package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.MapOutputs;
import dev.mr.worker.attempt.TaskAttempt;
import dev.mr.worker.executor.ExecutorProcess;
import dev.mr.worker.executor.ExecutorWire;
import dev.mr.worker.fetch.ShuffleFetcher;
import dev.mr.worker.log.StackTraces;
import dev.mr.worker.policy.ProgressWatch;
import dev.mr.worker.task.MapOutputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt on this worker, from its assignment to its outcome. On a slot thread it gets the
 * job's files ({@link JobCache}), then either runs the attempt here ({@code mr.executor=thread}:
 * a {@link TaskAttempt} on this thread) or hands it to the job's executor JVM
 * ({@link ExecutorPool}), whose events end it later. Either way the {@link TaskRunner} learns
 * the outcome once: FINISHED, FAILED, LOST (its executor was stopped for another attempt), or
 * nothing when it was killed.
 *
 * <p>A kill interrupts it (here, or by an order to its executor) and is remembered with its time,
 * so that an attempt that does not stop within {@code mr.task.kill.grace.ms} gets its executor
 * killed. Map output entries that come before the attempt is placed wait here.
 *
 * <p>Threads: {@link #run} on a slot thread; {@link #kill} and {@link #offer} from the heartbeat
 * thread; figures from the executor's reader thread; {@link #watch} from the runner's ticker.
 * State is guarded by {@code this}; the figures are volatile.
 */
final class AttemptRun implements Runnable, AttemptBook.Live {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRun.class);

    final AttemptId id;
    final Assignment assignment;
    /** The ticker's alone. */
    final ProgressWatch watch = new ProgressWatch();
    private final TaskRunner runner;
    private Thread thread;
    private TaskAttempt local;
    private ExecutorProcess executor;
    private final List<MapOutputs> pending = new ArrayList<>();
    private boolean killed;
    private boolean ended;
    private long killedAt;
    private volatile long timeoutMs;
    private volatile long graceMs = ConfKeys.TASK_KILL_GRACE_MS_DEFAULT;
    private volatile double progress;
    private volatile int mapOutputsKnown;
    private volatile long ticks = TaskAttempt.WAITING;
    private volatile String statusMessage;

    AttemptRun(Assignment assignment, AttemptId id, TaskRunner runner) {
        this.id = id;
        this.assignment = assignment;
        this.runner = runner;
    }

    @Override
    public void run() {
        synchronized (this) {
            if (killed) {
                runner.exited(this, null, null);
                return;
            }
            thread = Thread.currentThread();
        }
        AttemptReport outcome = null;
        MapOutputFiles files = null;
        boolean placed = false;
        try {
            JobCache.JobFiles job = runner.jobs().files(id.task().jobId());
            Configuration conf = job.conf();
            timeoutMs = conf.getLong(ConfKeys.TASK_TIMEOUT_MS, ConfKeys.TASK_TIMEOUT_MS_DEFAULT);
            graceMs = conf.getLong(ConfKeys.TASK_KILL_GRACE_MS, ConfKeys.TASK_KILL_GRACE_MS_DEFAULT);
            if ("thread".equals(conf.get(ConfKeys.EXECUTOR, "process"))) {
                TaskAttempt.Result r = runHere(job);
                outcome = r.outcome();
                files = r.files();
            } else {
                placed = runner.executors().place(job, this);
            }
        } catch (Throwable t) {
            if (!killed()) {
                LOG.warn("{}: failed: {}", id, t.toString());
                String error = t instanceof ExecutorProcess.StartFailed ? t.getMessage() : StackTraces.of(t);
                outcome = new AttemptReport(id.toString(), AttemptReport.FAILED, 0, 0, null, error, null);
            }
        } finally {
            synchronized (this) {
                thread = null;
            }
            if (!placed) runner.exited(this, outcome, files);
            Thread.interrupted(); // a kill's interrupt must not reach the slot's next attempt
        }
    }

    private TaskAttempt.Result runHere(JobCache.JobFiles job) throws Exception {
        var loaded = runner.jobs().loaded(job);
        ShuffleFetcher fetcher = id.task().map() ? null : runner.newFetcher(id, assignment.maps());
        TaskAttempt attempt = new TaskAttempt(id, assignment, fetcher);
        synchronized (this) {
            if (killed) return new TaskAttempt.Result(null, null);
            local = attempt;
            for (MapOutputs m : pending) offerTo(fetcher, m);
            pending.clear();
        }
        TaskAttempt.Setup setup = new TaskAttempt.Setup(runner.workerId(), dir(), Runtime.getRuntime().maxMemory(),
                runner.settings().slots(), runner.settings().logTailBytes());
        return attempt.run(loaded, setup, this::killed);
    }

    /** The job's executor takes this attempt; false (and nothing sent) when the attempt was killed meanwhile. */
    synchronized boolean placedIn(ExecutorProcess ex) {
        if (killed) return false;
        executor = ex;
        ex.send(new ExecutorWire.Run(assignment, dir().toString()));
        for (MapOutputs m : pending) ex.send(new ExecutorWire.Offer(m));
        pending.clear();
        return true;
    }

    synchronized ExecutorProcess executor() {
        return executor;
    }

    Path dir() {
        return runner.dirs().attemptDir(id);
    }

    synchronized void offer(MapOutputs m) {
        if (local != null) offerTo(local.fetcher(), m);
        else if (executor != null) executor.send(new ExecutorWire.Offer(m));
        else pending.add(m);
    }

    private static void offerTo(ShuffleFetcher fetcher, MapOutputs m) {
        if (fetcher != null && m.entries() != null) fetcher.offer(m.entries(), m.token());
    }

    /** What its executor last said of it. */
    void figures(double progress, int mapOutputsKnown, long ticks, String statusMessage) {
        this.progress = progress;
        this.mapOutputsKnown = mapOutputsKnown;
        this.ticks = ticks;
        this.statusMessage = statusMessage;
    }

    @Override
    public double progress() {
        TaskAttempt l = local;
        return l != null ? l.progress() : progress;
    }

    @Override
    public int mapOutputsKnown() {
        TaskAttempt l = local;
        return l != null ? l.mapOutputsKnown() : mapOutputsKnown;
    }

    @Override
    public String statusMessage() {
        TaskAttempt l = local;
        return l != null ? l.statusMessage() : statusMessage;
    }

    /** Signs of life so far; {@link TaskAttempt#WAITING} while it cannot be hung by its own doing. */
    long ticks() {
        TaskAttempt l = local;
        return l != null ? l.ticks() : ticks;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    long graceMs() {
        return graceMs;
    }

    /** Marks the attempt killed at {@code nowMs} and stops it if it runs; true when it had not ended yet. */
    synchronized boolean kill(long nowMs) {
        if (killed) return !ended;
        killed = true;
        killedAt = nowMs;
        if (ended) return false;
        if (local != null && local.fetcher() != null) local.fetcher().close();
        if (thread != null) thread.interrupt();
        if (executor != null) executor.send(new ExecutorWire.Kill(id.toString()));
        return true;
    }

    synchronized boolean killed() {
        return killed;
    }

    /** Killed at least {@code graceMs} before {@code nowMs}, and still running in an executor. */
    synchronized boolean overstayed(long nowMs) {
        return killed && !ended && executor != null && nowMs - killedAt >= graceMs;
    }

    /** Marks the run ended; false when it had ended already (its outcome was taken). */
    synchronized boolean markEnded() {
        if (ended) return false;
        ended = true;
        return true;
    }
}
