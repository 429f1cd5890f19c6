package dev.mr.worker.attempt;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.io.InputSplit;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.SplitCodec;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.worker.fetch.FetchSettings;
import dev.mr.worker.fetch.ShuffleFetcher;
import dev.mr.worker.log.AttemptLogs;
import dev.mr.worker.log.LogTail;
import dev.mr.worker.log.StackTraces;
import dev.mr.worker.task.MapOutputFiles;
import dev.mr.worker.task.MapTask;
import dev.mr.worker.task.ReduceMemory;
import dev.mr.worker.task.ReduceTask;
import dev.mr.worker.task.TaskEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt's work in the JVM that runs it (an executor, or the worker daemon with
 * {@code mr.executor=thread}): on the calling thread, with the job's class loader as its context
 * loader, it runs the {@link MapTask} or {@link ReduceTask} in the attempt's directory and makes
 * the outcome: FINISHED with its counters, or FAILED with the exception's stack trace and the
 * tail of what the thread printed; nothing when the attempt was killed. A reduce attempt has its
 * {@link ShuffleFetcher} from the start, so map output entries can arrive before it runs.
 *
 * <p>Threads: {@link #run} on the attempt's thread; the progress getters from any thread.
 */
public final class TaskAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(TaskAttempt.class);

    /** How the attempt ended: {@code outcome} null when it was killed; {@code files} for a map whose output goes to the shuffle. */
    public record Result(AttemptReport outcome, MapOutputFiles files) {}

    /** What the attempt runs with besides its job. */
    public record Setup(String workerId, Path dir, long heapBytes, int slots, int logTailBytes) {}

    private final AttemptId id;
    private final Assignment assignment;
    private final ShuffleFetcher fetcher;
    private volatile MapTask mapTask;
    private volatile ReduceTask reduceTask;
    private volatile long splitLength;

    /** {@code fetcher}: null for a map. */
    public TaskAttempt(AttemptId id, Assignment assignment, ShuffleFetcher fetcher) {
        this.id = id;
        this.assignment = assignment;
        this.fetcher = fetcher;
    }

    public AttemptId id() {
        return id;
    }

    public ShuffleFetcher fetcher() {
        return fetcher;
    }

    /** Runs the attempt; {@code killed} tells whether a failure is the kill's doing (then nothing is reported). */
    public Result run(LoadedJob job, Setup setup, BooleanSupplier killed) {
        LogTail tail = AttemptLogs.begin(setup.logTailBytes());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        MapOutputFiles files = null;
        TaskEnvironment env = null;
        try {
            LOG.info("{}: started", id);
            thread.setContextClassLoader(job.classLoader());
            Path dir = Files.createDirectories(setup.dir());
            env = new TaskEnvironment(job.definition(), id, setup.workerId(), job.fileSystems(), dir,
                    ReduceMemory.slotShare(setup.heapBytes(), setup.slots()))
                    .withSkipMode(assignment.skipMode(), assignment.skipRecords() == null ? List.of() : assignment.skipRecords());
            Counters counters;
            if (id.task().map()) {
                InputSplit s = SplitCodec.of(job.definition()).decode(assignment.split());
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
            if (killed.getAsBoolean()) { // it outlived its kill: nobody will commit what it wrote
                LOG.info("{}: finished after it was killed; its output goes", id);
                abandonOutput(env);
                return new Result(null, null);
            }
            LOG.info("{}: finished", id);
            return new Result(new AttemptReport(id.toString(), AttemptReport.FINISHED, 1, 0, counters.asMap(), null, null, null,
                    statusMessage()), files);
        } catch (Throwable t) {
            if (killed.getAsBoolean()) {
                LOG.info("{}: stopped after it was killed ({})", id, t.toString());
                abandonOutput(env);
                return new Result(null, null);
            }
            LOG.warn("{}: failed: {}", id, t.toString());
            abandonOutput(env);
            return new Result(new AttemptReport(id.toString(), AttemptReport.FAILED, 0, 0, null, StackTraces.of(t), tail.text()), null);
        } finally {
            thread.setContextClassLoader(previous);
            AttemptLogs.end();
            if (fetcher != null) fetcher.close();
        }
    }

    /**
     * Discards what this attempt wrote to the job's output, as Hadoop's task does on failure: a
     * killed attempt may have written after its job's output was aborted (the master aborts a
     * failed job without waiting for the job's running attempts to stop), and on S3 each file it
     * closed is an upload nobody would complete. Only this attempt's own files go; the thread's
     * interrupt (the kill) is cleared first, or the store's client would refuse to start.
     */
    private void abandonOutput(TaskEnvironment env) {
        if (env == null) return;
        boolean interrupted = Thread.interrupted();
        try {
            env.committer().abortTask(id.toString());
        } catch (Exception e) {
            LOG.warn("{}: could not discard its output files: {}", id, e.toString());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** 0..1: a map's share of its split read; a reduce's half for the shuffle and half for reducing. */
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

    /** Its task's latest status message ({@code context.status}), null when it set none. */
    public String statusMessage() {
        MapTask m = mapTask;
        if (m != null) return m.progress().status();
        ReduceTask r = reduceTask;
        return r != null ? r.progress().status() : null;
    }

    /** For a reduce: map output entries received; 0 for a map. */
    public int mapOutputsKnown() {
        return fetcher == null ? 0 : fetcher.known();
    }

    /**
     * Its signs of life so far, for hung-task detection; {@link #WAITING} while it cannot be hung
     * by its own doing: before its task starts, and while a reduce waits on the shuffle (maps may
     * run for hours), as Hadoop's reducers report progress while they fetch.
     */
    public long ticks() {
        MapTask m = mapTask;
        if (m != null) return m.progress().ticks();
        ReduceTask r = reduceTask;
        if (r != null && r.reducing()) return r.progress().ticks();
        return WAITING;
    }

    public static final long WAITING = -1;

}
