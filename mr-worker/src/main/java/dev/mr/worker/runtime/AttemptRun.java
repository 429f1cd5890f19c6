package dev.mr.worker.runtime;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.io.InputSplit;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.SplitCodec;
import dev.mr.protocol.AttemptReport;
import dev.mr.worker.fetch.FetchSettings;
import dev.mr.worker.fetch.ShuffleFetcher;
import dev.mr.worker.log.AttemptLogs;
import dev.mr.worker.log.LogTail;
import dev.mr.worker.task.MapOutputFiles;
import dev.mr.worker.task.MapTask;
import dev.mr.worker.task.ReduceMemory;
import dev.mr.worker.task.ReduceTask;
import dev.mr.worker.task.TaskEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt on this worker, from its assignment to its outcome: on a slot thread it loads the
 * job (once per job, see {@link JobCache}), runs the {@link MapTask} or {@link ReduceTask} in the
 * attempt's directory with the job's class loader as the thread's context loader, and hands the
 * outcome to the {@link TaskRunner}: FINISHED with its counters, or FAILED with the exception's
 * stack trace and the tail of what the thread printed. A killed attempt is interrupted and
 * reports nothing. A reduce attempt has its {@link ShuffleFetcher} from the start, so map output
 * entries can arrive before its thread runs.
 *
 * <p>Threads: {@link #run} on a slot thread; {@link #kill} from the heartbeat thread; the
 * progress getters from the heartbeat thread. The kill and end flags are guarded by {@code this}.
 */
final class AttemptRun implements Runnable, AttemptBook.Live {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRun.class);

    final AttemptId id;
    final ShuffleFetcher fetcher;
    private final String split;
    private final TaskRunner runner;
    private volatile MapTask mapTask;
    private volatile ReduceTask reduceTask;
    private volatile long splitLength;
    private Thread thread;
    private boolean killed;
    private boolean ended;

    AttemptRun(AttemptId id, String split, ShuffleFetcher fetcher, TaskRunner runner) {
        this.id = id;
        this.split = split;
        this.fetcher = fetcher;
        this.runner = runner;
    }

    @Override
    public double progress() {
        MapTask m = mapTask;
        if (m != null) return splitLength <= 0 ? 0 : Math.min(1, (double) m.inputBytesRead() / splitLength);
        if (fetcher == null) return 0;
        double reduced = 0;
        ReduceTask r = reduceTask;
        long total = fetcher.records();
        if (r != null && total > 0) reduced = Math.min(1, (double) r.recordsReduced() / total);
        return 0.5 * fetcher.fetchedFraction() + 0.5 * reduced;
    }

    @Override
    public int mapOutputsKnown() {
        return fetcher == null ? 0 : fetcher.known();
    }

    /** Marks the attempt killed and interrupts it if it runs; true when it had not ended yet. */
    synchronized boolean kill() {
        killed = true;
        if (fetcher != null) fetcher.close();
        if (thread != null && !ended) thread.interrupt();
        return !ended;
    }

    synchronized boolean killed() {
        return killed;
    }

    synchronized void markEnded() {
        ended = true;
    }

    @Override
    public void run() {
        synchronized (this) {
            if (killed) {
                runner.exited(this, null, null, null);
                return;
            }
            thread = Thread.currentThread();
        }
        LogTail tail = AttemptLogs.begin(runner.settings().logTailBytes());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Path dir = null;
        MapOutputFiles files = null;
        AttemptReport outcome = null;
        try {
            LOG.info("{}: started", id);
            JobCache.LoadedJob job = runner.jobs().get(id.task().jobId());
            Thread.currentThread().setContextClassLoader(job.classLoader());
            dir = Files.createDirectories(runner.dirs().attemptDir(id));
            TaskEnvironment env = new TaskEnvironment(job.definition(), id, runner.workerId(), job.fileSystems(), dir,
                    ReduceMemory.slotShare(Runtime.getRuntime().maxMemory(), runner.settings().slots()));
            Counters counters;
            if (id.task().map()) {
                InputSplit s = SplitCodec.of(job.definition()).decode(split);
                splitLength = s.length();
                MapTask task = new MapTask(env, s);
                mapTask = task;
                files = task.run();
                counters = task.counters();
            } else {
                Configuration conf = job.definition().conf();
                fetcher.prepare(FetchSettings.parallelCopies(conf), env.reduceMemoryBytes(), dir.resolve("fetched"));
                ReduceTask task = new ReduceTask(env, fetcher);
                reduceTask = task;
                task.run();
                counters = task.counters();
            }
            outcome = new AttemptReport(id.toString(), AttemptReport.FINISHED, 1, 0, counters.asMap(), null, null);
            LOG.info("{}: finished", id);
        } catch (Throwable t) {
            if (!killed()) {
                LOG.warn("{}: failed: {}", id, t.toString());
                outcome = new AttemptReport(id.toString(), AttemptReport.FAILED, 0, 0, null, stackTrace(t), tail.text());
            } else {
                LOG.info("{}: stopped after it was killed ({})", id, t.toString());
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            AttemptLogs.end();
            if (fetcher != null) fetcher.close();
            runner.exited(this, outcome, files, dir); // marks the run ended: no kill interrupts this thread after it
            Thread.interrupted(); // a kill's interrupt must not reach the slot's next attempt
        }
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
