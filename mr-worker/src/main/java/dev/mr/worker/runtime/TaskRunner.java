package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.ExecutorView;
import dev.mr.security.Credentials;
import dev.mr.worker.executor.ExecutorWire;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.MapOutputs;
import dev.mr.worker.fetch.SegmentClient;
import dev.mr.worker.fetch.ShuffleFetcher;
import dev.mr.worker.shuffle.MapOutputRegistry;
import dev.mr.worker.task.CurrentRecord;
import dev.mr.worker.task.MapOutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the attempts the master assigns, each in its job's executor JVM ({@link ExecutorPool}) or,
 * with {@code mr.executor=thread}, on a slot thread of this daemon; slot threads fetch the job
 * and start executors, never an event loop. Carries out the master's orders about attempts: kill
 * (interrupt, stop reporting, drop the map output and the attempt's files), map output entries
 * for reduce attempts, a job's clean-up (its executor exits), and dropping everything when the
 * worker must register again. A finished map's output is registered for the shuffle server
 * before its FINISHED outcome is recorded. A slot is taken until its attempt really ended: its
 * task returned, or its executor is gone.
 *
 * <p>A ticker looks at the running attempts every second: one that gave no sign of life for
 * {@code mr.task.timeout.ms} fails ("no progress for ...") and is killed; a killed attempt still
 * running in an executor {@code mr.task.kill.grace.ms} later gets its executor killed; idle
 * executors exit. File deletions run on a housekeeping thread, so the heartbeat thread never
 * waits for the disk.
 *
 * <p>Thread-safe: the heartbeat thread calls the orders, slot threads and executors' reader
 * threads call {@link #exited}, the ticker {@link #tick}.
 */
final class TaskRunner implements HeartbeatLoop.Runner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final WorkerSettings settings;
    private final WorkerDirs dirs;
    private final String workerId;
    private final JobCache jobs;
    private final MapOutputRegistry outputs;
    private final AttemptBook book;
    private final MasterClient master;
    private final Runnable wake;
    private final SegmentClient segments;
    private final ExecutorPool executors;
    /** An executor without attempts this long exits ({@code mr.executor.idle.ms}, a worker setting). */
    private final long idleMs;
    private final ScheduledExecutorService ticker;
    private final ExecutorService slots;
    private final ExecutorService fetchPool;
    private final ExecutorService housekeeping;
    private final Map<AttemptId, AttemptRun> runs = new ConcurrentHashMap<>();
    /** Per running job, every attempt started here: what they wrote goes at the job's clean-up unless committed. */
    private final Map<String, Set<AttemptId>> startedHere = new ConcurrentHashMap<>();
    /** Jobs that ended, with their settings, whose attempts' output goes once none of them runs here any more. */
    private final Map<String, Configuration> ending = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();

    TaskRunner(WorkerSettings settings, WorkerDirs dirs, String workerId, JobCache jobs, MapOutputRegistry outputs,
               AttemptBook book, MasterClient master, Runnable wake) {
        this.settings = settings;
        this.dirs = dirs;
        this.workerId = workerId;
        this.jobs = jobs;
        this.outputs = outputs;
        this.book = book;
        this.master = master;
        this.wake = wake;
        this.segments = new SegmentClient(settings.fetch().timeout(), outputs, master.credentials());
        this.slots = Executors.newFixedThreadPool(settings.slots(), threads("mr-task-"));
        this.fetchPool = Executors.newCachedThreadPool(threads("mr-fetch-"));
        this.housekeeping = Executors.newSingleThreadExecutor(threads("mr-housekeeping-"));
        this.idleMs = settings.conf().getLong(ConfKeys.EXECUTOR_IDLE_MS, ConfKeys.EXECUTOR_IDLE_MS_DEFAULT);
        this.executors = new ExecutorPool(this, settings.memoryMb());
        executors.launchSpare();
        this.ticker = Executors.newSingleThreadScheduledExecutor(threads("mr-attempt-watch-"));
        long every = Math.min(1000, settings.heartbeatMs());
        ticker.scheduleWithFixedDelay(() -> tick(System.currentTimeMillis()), every, every, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    WorkerSettings settings() {
        return settings;
    }

    WorkerDirs dirs() {
        return dirs;
    }

    JobCache jobs() {
        return jobs;
    }

    String workerId() {
        return workerId;
    }

    ExecutorPool executors() {
        return executors;
    }

    Credentials credentials() {
        return master.credentials();
    }

    AttemptRun run(String attempt) {
        try {
            return runs.get(AttemptId.parse(attempt));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The executors this worker runs, for its heartbeat. */
    @Override
    public List<ExecutorView> executorViews() {
        return executors.views();
    }

    /** A fetcher for a reduce attempt run on a thread of this daemon. */
    ShuffleFetcher newFetcher(AttemptId id, int maps) {
        return new ShuffleFetcher(id, maps, settings.fetch().retry(), segments, master, fetchPool, System::currentTimeMillis);
    }

    /** Tells the master about a reduce attempt's failed fetch, off the calling thread. */
    void reportFetchFailure(AttemptId reduce, AttemptId map, String error) {
        try {
            fetchPool.execute(() -> {
                try {
                    master.reportFetchFailure(reduce, map, error);
                } catch (Exception e) {
                    LOG.warn("{}: could not report a failed fetch of {}: {}", reduce, map, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** The record an attempt was handing to user code when its executor died (it marks them in skip mode), or null. */
    String badRecord(AttemptRun run) {
        return run.assignment.skipMode() ? CurrentRecord.read(run.dir()) : null;
    }

    /**
     * Looks at the running attempts at {@code nowMs}: fails and kills the hung, kills the
     * executors of killed attempts that overstayed their grace, stops idle executors.
     */
    void tick(long nowMs) {
        try {
            for (AttemptRun run : runs.values()) {
                long timeout = run.timeoutMs();
                if (timeout > 0 && !run.killed() && run.watch.silentMs(run.ticks(), nowMs) >= timeout) timedOut(run, timeout, nowMs);
                if (run.overstayed(nowMs)) executors.overstayed(run);
            }
            executors.stopIdle(nowMs, idleMs);
        } catch (RuntimeException e) {
            LOG.error("watching attempts: {}", e.toString(), e);
        }
    }

    private void timedOut(AttemptRun run, long timeoutMs, long nowMs) {
        String error = "no progress for " + timeoutMs / 1000 + " s (mr.task.timeout.ms=" + timeoutMs + "): " + run.id
                + " read no record, wrote none and did not call context.progress(); it was killed";
        if (!run.kill(nowMs)) return;
        LOG.warn("{}: {}", run.id, error);
        book.ended(run.id, new AttemptReport(run.id.toString(), AttemptReport.FAILED, 0, 0, null, error, null));
        wake.run();
    }

    @Override
    public int freeSlots() {
        return Math.max(0, settings.slots() - busy.get());
    }

    /** Starts an assigned attempt; a malformed or repeated assignment is logged and ignored. */
    @Override
    public void start(Assignment a) {
        AttemptId id = parse(a.attempt(), "an assignment");
        if (id == null) return;
        if (runs.containsKey(id) || book.contains(id) || outputs.get(id) != null) {
            LOG.warn("{} was assigned again; it is already here", id);
            return;
        }
        AttemptRun run = new AttemptRun(a, id, this);
        runs.put(id, run);
        startedHere.computeIfAbsent(id.task().jobId(), j -> ConcurrentHashMap.newKeySet()).add(id);
        book.started(id, run);
        busy.incrementAndGet();
        try {
            slots.execute(run);
        } catch (RejectedExecutionException e) { // stopping
            runs.remove(id);
            book.forget(id);
            busy.decrementAndGet();
        }
    }

    @Override
    public void offer(MapOutputs m) {
        AttemptId id = parse(m.reduceAttempt(), "map output entries");
        AttemptRun run = id == null ? null : runs.get(id);
        if (run != null) run.offer(m);
    }

    /** Stops the attempt if it runs, stops reporting it, and drops its map output and files. */
    @Override
    public void kill(String attempt) {
        AttemptId id = parse(attempt, "a kill order");
        if (id == null) return;
        book.forget(id);
        AttemptRun run = runs.get(id);
        if (run != null && run.kill(System.currentTimeMillis())) LOG.info("{}: killed", id);
        MapOutputRegistry.Held held = outputs.remove(id);
        if (held != null) {
            LOG.info("{}: map output dropped", id);
            executors.send(id.task().jobId(), new ExecutorWire.Kill(id.toString())); // its executor reads it no more either
            deleteLater(held.dir());
        }
    }

    /** The map attempts whose output this worker holds, for a registration. */
    @Override
    public List<AttemptId> heldOutputs() {
        return outputs.attempts();
    }

    /** The job ended: its attempts, map outputs, files, jar and class loader go. */
    @Override
    public void cleanUpJob(String jobId) {
        try {
            WorkerDirs.checkJobId(jobId);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a clean-up order: {}", e.getMessage());
            return;
        }
        for (AttemptRun run : runs.values()) {
            if (run.id.task().jobId().equals(jobId)) kill(run.id.toString());
        }
        outputs.removeJob(jobId);
        executors.stopJob(jobId, settings.conf().getLong(ConfKeys.TASK_KILL_GRACE_MS, ConfKeys.TASK_KILL_GRACE_MS_DEFAULT));
        Configuration conf = jobs.knownConf(jobId);
        if (conf != null) ending.put(jobId, conf);
        discardOutputOnceIdle(jobId);
        submit(() -> {
            delete(dirs.jobDir(jobId));
            jobs.cleanUp(jobId);
        });
        LOG.info("cleaned up after job {}", jobId);
    }

    /**
     * Discards the uncommitted output of an ended job's attempts here once the last of them has
     * stopped (a killed attempt may write until it does), exactly once: both the clean-up and the
     * last attempt's end call this, and whichever comes second finds nothing running and does it.
     */
    private void discardOutputOnceIdle(String jobId) {
        for (AttemptId id : runs.keySet()) {
            if (id.task().jobId().equals(jobId)) return;
        }
        Configuration conf = ending.remove(jobId);
        Set<AttemptId> attempts = startedHere.remove(jobId);
        if (conf != null && attempts != null) submit(() -> UncommittedOutput.discard(conf, jobId, attempts));
    }

    /**
     * {@code run} ended: its outcome (null if none) goes to the book, its files stay or go, its
     * slot is free. Only the first call for a run counts.
     */
    void exited(AttemptRun run, AttemptReport outcome, MapOutputFiles files) {
        boolean keep = false;
        Path dir = run.dir();
        synchronized (run) {
            if (!run.markEnded()) return;
            if (!run.killed() && outcome != null) {
                if (files != null && AttemptReport.FINISHED.equals(outcome.status())) {
                    outputs.add(new MapOutputRegistry.Held(run.id, files.data(), dir, files.index()));
                    keep = true;
                }
                book.ended(run.id, outcome);
            }
        }
        runs.remove(run.id, run);
        if (ending.containsKey(run.id.task().jobId())) discardOutputOnceIdle(run.id.task().jobId());
        busy.decrementAndGet();
        deleteLater(keep ? dir.resolve("spill") : dir);
        wake.run();
    }

    private static AttemptId parse(String attempt, String what) {
        try {
            AttemptId id = AttemptId.parse(attempt);
            WorkerDirs.checkJobId(id.task().jobId());
            return id;
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("ignoring {} about '{}': not an attempt id this worker accepts", what, attempt);
            return null;
        }
    }

    void deleteLater(Path p) {
        submit(() -> delete(p));
    }

    private void submit(Runnable r) {
        try {
            housekeeping.execute(r);
        } catch (RejectedExecutionException e) {
            // stopping: the next start cleans up
        }
    }

    private static void delete(Path p) {
        try {
            if (Files.exists(p)) PathUtils.delete(p);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.toString());
        }
    }

    /** Kills every attempt and stops the threads; files stay for the next start to clean. */
    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        long now = System.currentTimeMillis();
        for (AttemptRun run : runs.values()) run.kill(now);
        executors.close();
        slots.shutdownNow();
        fetchPool.shutdownNow();
        housekeeping.shutdown();
        slots.awaitTermination(5, TimeUnit.SECONDS);
        housekeeping.awaitTermination(5, TimeUnit.SECONDS);
        jobs.close();
    }
}
