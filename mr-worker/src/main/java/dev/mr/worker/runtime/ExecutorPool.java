package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.StatusMessage;
import dev.mr.security.ClientTls;
import dev.mr.security.ClusterKeys;
import dev.mr.security.ClusterSecret;
import dev.mr.security.Credentials;
import dev.mr.security.UserToken;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.shuffle.MapOutputIndex;
import dev.mr.shuffle.ShuffleCodec;
import dev.mr.worker.executor.ExecutorCommand;
import dev.mr.worker.executor.ExecutorProcess;
import dev.mr.worker.executor.ExecutorWire;
import dev.mr.worker.task.MapOutputFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor JVMs of this worker, one per job at most, as Spark keeps one per application: the
 * first attempt of a job starts it, later ones reuse it; it goes when its job ends, after
 * {@code mr.executor.idle.ms} without attempts, or when it dies (then the next attempt starts a
 * fresh one). Its events reach the attempts it runs; its death ends each of them (FAILED with
 * the cause, or LOST when the worker stopped it because another attempt overstayed a kill). An
 * attempt in skip mode gets an executor of its own, stopped when it ends: the record it dies on
 * is then surely its own, and its death takes no other attempt with it.
 *
 * <p>An executor gets no cluster secret: its tasks reach dfs and the master with a token for
 * the job alone ({@code MR_TOKEN}), and map outputs with the job's capability.
 *
 * <p>Thread-safe: a job's executor is started and given attempts under that job's lock; the
 * executors' reader threads call the {@link ExecutorProcess.Listener} methods.
 */
final class ExecutorPool implements ExecutorProcess.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorPool.class);
    private static final long START_TIMEOUT_MS = 120_000;
    private static final long TOKEN_TTL_MS = TimeUnit.DAYS.toMillis(7);

    /** A job's executor and the attempts it runs (guarded by the entry); {@code dedicated}: to one attempt alone. */
    private static final class Entry {
        final ExecutorProcess process;
        final boolean dedicated;
        final Set<AttemptRun> attempts = new LinkedHashSet<>();
        long idleSince;
        boolean stopping;

        Entry(ExecutorProcess process, boolean dedicated, long now) {
            this.process = process;
            this.dedicated = dedicated;
            this.idleSince = now;
        }
    }

    /** A worker setting: keep a spare executor started ahead (default true; none with {@code mr.executor=thread}). */
    static final String SPARE = "mr.executor.spare";

    private final TaskRunner runner;
    private final long memoryMb;
    private final boolean spares;
    /** The worker's chunk server, where its executors' tasks write the first replica of their output. */
    private final String nearServer;
    private ExecutorProcess spare; // guarded by this
    private volatile boolean closed;
    private final Map<String, Object> jobLocks = new ConcurrentHashMap<>();
    /** The shared executor of each job. */
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Every executor: shared and dedicated. */
    private final Map<ExecutorProcess, Entry> byProcess = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();

    ExecutorPool(TaskRunner runner, long memoryMb) {
        this.runner = runner;
        this.memoryMb = memoryMb;
        Configuration conf = runner.settings().conf();
        this.spares = conf.getBoolean(SPARE, true) && !"thread".equals(conf.get(ConfKeys.EXECUTOR, "process"));
        this.nearServer = readServerId(runner.dirs().chunks());
    }

    private static String readServerId(Path chunks) {
        try {
            return Files.readString(chunks.resolve(ChunkFiles.SERVER_ID), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return null; // no chunk server here (yet): writes place their first replica where the master likes
        }
    }

    /**
     * Gives {@code run} to its job's executor, starting one if the job has none (blocking while it
     * starts), or to one of its own in skip mode. Returns false when the attempt was killed
     * meanwhile; throws when no executor starts.
     */
    boolean place(JobCache.JobFiles job, AttemptRun run) throws IOException {
        if (run.assignment.skipMode()) {
            Entry own = start(job, true);
            synchronized (own) {
                if (run.placedIn(own.process)) {
                    own.attempts.add(run);
                    return true;
                }
            }
            own.process.stop("its attempt was killed before it started", 0);
            return false;
        }
        synchronized (jobLocks.computeIfAbsent(job.jobId(), k -> new Object())) {
            Entry e = entries.get(job.jobId());
            if (e != null) {
                synchronized (e) {
                    if (!e.stopping && e.process.alive() && !doomed(e) && run.placedIn(e.process)) {
                        e.attempts.add(run);
                        return true;
                    }
                    if (run.killed()) return false;
                }
            }
            e = start(job, false);
            entries.put(job.jobId(), e);
            synchronized (e) {
                if (!run.placedIn(e.process)) return false;
                e.attempts.add(run);
                return true;
            }
        }
    }

    /**
     * Whether an executor holds an attempt that was killed and has not stopped: it may be killed
     * with everything in it when the grace is over, so new attempts go to a fresh one.
     */
    private static boolean doomed(Entry e) {
        for (AttemptRun r : e.attempts) {
            if (r.killed()) return true;
        }
        return false;
    }

    private Entry start(JobCache.JobFiles job, boolean dedicated) throws IOException {
        Configuration conf = job.conf();
        long heapMb = conf.getLong(ConfKeys.EXECUTOR_MEMORY_MB, memoryMb);
        String opts = conf.get(ConfKeys.EXECUTOR_JAVA_OPTS);
        boolean standard = heapMb == memoryMb && (opts == null || opts.isBlank());
        ExecutorProcess p = standard ? takeSpare() : null;
        if (p == null) p = launch(heapMb, opts);
        Map<String, String> jobConf = new HashMap<>(conf.asMap());
        jobConf.remove(ClusterSecret.PROPERTY);
        jobConf.remove(Credentials.TOKEN_PROPERTY);
        if (nearServer != null) jobConf.putIfAbsent(DfsSettings.NEAR_SERVER, nearServer);
        WorkerSettings s = runner.settings();
        ExecutorWire.Hello hello = new ExecutorWire.Hello(job.jobId(), jobConf, job.classPath().stream().map(Path::toString).toList(),
                runner.workerId(), heapMb << 20, s.slots(), s.logTailBytes(), Math.min(1000, s.heartbeatMs()), token(job.jobId()));
        try {
            p.bind(hello, this, START_TIMEOUT_MS);
        } catch (IOException e) {
            runner.deleteLater(p.tmpDir());
            throw e;
        }
        Entry e = new Entry(p, dedicated, System.currentTimeMillis());
        byProcess.put(p, e);
        return e;
    }

    /** Starts an executor JVM that waits for its job, with a temporary directory of its own. */
    private ExecutorProcess launch(long heapMb, String opts) throws IOException {
        Path tmp = Files.createDirectories(runner.dirs().tmp().resolve("executor-" + started.incrementAndGet()));
        List<String> props = new ArrayList<>();
        ClientTls tls = runner.credentials().tls();
        if (tls != null) props.add(ClientTls.PROPERTY + "=" + tls.caFile()); // whom its tasks trust: the worker's CA
        for (String p : List.of("org.slf4j.simpleLogger.showDateTime", "org.slf4j.simpleLogger.dateTimeFormat",
                "org.slf4j.simpleLogger.showShortLogName", "org.slf4j.simpleLogger.levelInBrackets", "org.slf4j.simpleLogger.defaultLogLevel")) {
            String v = System.getProperty(p);
            if (v != null) props.add(p + "=" + v);
        }
        ExecutorCommand command = new ExecutorCommand(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), heapMb, tmp,
                ExecutorCommand.inheritable(ManagementFactory.getRuntimeMXBean().getInputArguments()), props, opts);
        Map<String, String> env = new HashMap<>();
        env.put(ClusterSecret.ENV, null); // no cluster secret for user code: a token for the job's tasks comes with the job
        env.put(Credentials.TOKEN_ENV, null);
        return ExecutorProcess.launch(command, env, System.err);
    }

    /**
     * The spare executor, started ahead with the worker's standard heap and options, so that a
     * job's first task on this worker does not wait for a JVM to boot; the next spare starts at once.
     */
    private ExecutorProcess takeSpare() {
        ExecutorProcess taken;
        synchronized (this) {
            taken = spare;
            spare = null;
        }
        launchSpare();
        if (taken != null && !taken.alive()) {
            runner.deleteLater(taken.tmpDir());
            return null;
        }
        return taken;
    }

    /** Starts a spare executor, unless the worker has one or keeps none ({@value #SPARE}). */
    void launchSpare() {
        if (!spares || closed) return;
        synchronized (this) {
            if (spare != null) return;
            try {
                spare = launch(memoryMb, null);
            } catch (IOException e) {
                LOG.warn("could not start a spare executor: {}", e.toString());
            }
        }
    }

    /** A token for the job's tasks alone, when the cluster is secured. */
    private String token(String jobId) {
        ClusterKeys keys = runner.credentials().keys();
        return keys == null ? null : keys.mint(new UserToken("tasks-of-" + jobId, false, System.currentTimeMillis() + TOKEN_TTL_MS));
    }

    /** Sends an order to the job's executor, if it has one. */
    void send(String jobId, ExecutorWire.Order order) {
        Entry e = entries.get(jobId);
        if (e != null) e.process.send(order);
    }

    /** Kills the executor of an attempt that did not stop within its grace after a kill; its other attempts are LOST. */
    void overstayed(AttemptRun run) {
        ExecutorProcess p = run.executor();
        if (p != null && p.alive()) {
            LOG.warn("{} did not stop within {} ms of its kill: killing its executor (pid {})", run.id, run.graceMs(), p.pid());
            p.kill("attempt " + run.id + " did not stop within " + run.graceMs() + " ms (mr.task.kill.grace.ms) after it was killed");
        }
    }

    /** The job ended: its executors exit (and are killed if they do not within {@code graceMs}). */
    void stopJob(String jobId, long graceMs) {
        entries.remove(jobId);
        jobLocks.remove(jobId);
        for (Entry e : byProcess.values()) {
            if (!e.process.jobId().equals(jobId)) continue;
            synchronized (e) {
                e.stopping = true;
            }
            e.process.stop("job " + jobId + " ended", graceMs);
        }
    }

    /** Stops executors without attempts since {@code idleMs} before {@code nowMs}. */
    void stopIdle(long nowMs, long idleMs) {
        for (Entry e : byProcess.values()) {
            synchronized (e) {
                if (e.dedicated || e.stopping || !e.attempts.isEmpty() || nowMs - e.idleSince < idleMs) continue;
                e.stopping = true;
            }
            entries.remove(e.process.jobId(), e);
            e.process.stop("idle for " + idleMs / 1000 + " s (mr.executor.idle.ms)", ConfKeys.TASK_KILL_GRACE_MS_DEFAULT);
        }
    }

    List<ExecutorView> views() {
        List<ExecutorView> out = new ArrayList<>();
        for (Entry e : byProcess.values()) {
            List<String> attempts = new ArrayList<>();
            synchronized (e) {
                for (AttemptRun r : e.attempts) attempts.add(r.id.toString());
            }
            ExecutorProcess p = e.process;
            out.add(new ExecutorView(p.jobId(), p.pid(), p.heapUsedBytes() >> 20, p.heapMb(), attempts, p.startedAt()));
        }
        out.sort(java.util.Comparator.comparing(ExecutorView::job).thenComparingLong(ExecutorView::pid));
        return out;
    }

    int size() {
        return entries.size();
    }

    @Override
    public void status(ExecutorProcess executor, ExecutorWire.Status status) {
        for (ExecutorWire.AttemptStatus s : status.attempts()) {
            AttemptRun run = runner.run(s.attempt());
            if (run != null) run.figures(s.progress(), s.mapOutputsKnown(), s.ticks(), StatusMessage.of(s.statusMessage()));
        }
    }

    @Override
    public void ended(ExecutorProcess executor, ExecutorWire.Ended ended) {
        AttemptRun run = runner.run(ended.attempt());
        if (run == null) return;
        release(executor, run);
        MapOutputFiles files = null;
        if (ended.data() != null && ended.outcome() != null) {
            files = new MapOutputFiles(Path.of(ended.data()), Path.of(ended.index()),
                    MapOutputIndex.of(ShuffleCodec.parse(ended.codec()), ended.lengths(), ended.rawLengths(), ended.records(), ended.crcs()));
        }
        runner.exited(run, ended.outcome(), files);
    }

    @Override
    public void fetchFailed(ExecutorProcess executor, ExecutorWire.FetchFailed f) {
        runner.reportFetchFailure(AttemptId.parse(f.reduceAttempt()), AttemptId.parse(f.mapAttempt()), f.error());
    }

    @Override
    public void died(ExecutorProcess executor, String cause, boolean stopped, String outputTail) {
        runner.deleteLater(executor.tmpDir());
        Entry e = byProcess.remove(executor);
        if (e == null) return;
        entries.remove(executor.jobId(), e);
        List<AttemptRun> lost;
        synchronized (e) {
            e.stopping = true;
            lost = new ArrayList<>(e.attempts);
            e.attempts.clear();
        }
        for (AttemptRun run : lost) {
            AttemptReport outcome = null;
            if (!run.killed()) {
                outcome = stopped
                        ? new AttemptReport(run.id.toString(), AttemptReport.LOST, 0, 0, null, cause + "; " + run.id + " runs again", null)
                        : new AttemptReport(run.id.toString(), AttemptReport.FAILED, 0, 0, null, cause + " while running " + run.id,
                                outputTail, runner.badRecord(run));
            }
            runner.exited(run, outcome, null);
        }
        if (!lost.isEmpty()) LOG.warn("executor of {} (pid {}) ended with {} attempts in it: {}", executor.jobId(), executor.pid(), lost.size(), cause);
    }

    private void release(ExecutorProcess executor, AttemptRun run) {
        Entry e = byProcess.get(executor);
        if (e == null) return;
        boolean done;
        synchronized (e) {
            done = e.attempts.remove(run) && e.attempts.isEmpty();
            if (done) e.idleSince = System.currentTimeMillis();
            if (done && e.dedicated) e.stopping = true;
        }
        if (done && e.dedicated) executor.stop("its one attempt, " + run.id + ", ended", ConfKeys.TASK_KILL_GRACE_MS_DEFAULT);
    }

    /** Kills every executor (the worker is stopping). */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (spare != null) spare.kill("its worker stopped");
            spare = null;
        }
        for (Entry e : byProcess.values()) e.process.kill("its worker stopped");
    }
}
