package dev.mr.master.core;

import java.util.function.Function;
import dev.mr.api.JobState;
import dev.mr.master.history.HistoryCache;
import dev.mr.master.history.HistoryStore;
import dev.mr.master.history.Retention;
import dev.mr.master.jobs.FileStore;
import dev.mr.security.Principal;
import dev.mr.master.jobs.JarStore;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.jobs.JobValidator;
import dev.mr.master.jobs.Submission;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.jobs.JobOutput;
import dev.mr.dfs.journal.FailStop;
import dev.mr.master.journal.JobJournal;
import dev.mr.master.journal.UnfinishedJob;
import dev.mr.master.scheduler.Event;
import dev.mr.master.scheduler.Scheduler;
import dev.mr.master.scheduler.SchedulerSettings;
import dev.mr.master.status.TaskQuery;
import dev.mr.master.status.TaskSort;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.Timeline;
import dev.mr.protocol.WorkerView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's core, without HTTP: job submission, the scheduler driven by worker requests and
 * the clock, job output commits, the job journal, and the views the REST API serves. Every
 * method may be called from any thread (an event loop included): none blocks; each returns a
 * future that fails with a {@link Refusal} for a request to refuse.
 *
 * <p>Threads: the scheduler thread ({@link SchedulerLoop}) owns the scheduler and the job
 * table; the I/O pool ({@code mr-master-io-N}) validates submissions, commits and aborts
 * output, writes and reads the job history, and journals job ends. Submissions go through
 * {@link JobAdmission}, worker requests through {@link WorkerDesk}, reads through
 * {@link JobQueries}, I/O effects through {@link JobEffects}; ended jobs' tasks are kept in the
 * {@link HistoryStore} under {@code settings.dir()/history}.
 */
public final class Master implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    /** Under the master's directory: ended jobs' tasks and attempts ({@link HistoryStore}). */
    public static final String HISTORY = "history";

    private final MasterSettings settings;
    private final JobJournal journal;
    private final JarStore jars;
    private final FileStore files;
    private final JobTable table = new JobTable();
    private final SchedulerLoop loop;
    private final ExecutorService io;
    private final JobAdmission admission;
    private final JobQueries queries;
    private final WorkerDesk workers;

    private Master(MasterSettings settings, JobJournal journal, JarStore jars, FileStore files, Function<String, String> shuffleGrant,
                   ScheduledExecutorService schedulerThread, ExecutorService io) {
        this.settings = settings;
        this.journal = journal;
        this.jars = jars;
        this.files = files;
        this.io = io;
        this.loop = new SchedulerLoop(new Scheduler(SchedulerSettings.from(settings.conf())), settings.clock(), schedulerThread);
        this.admission = new JobAdmission(new JobValidator(settings.conf(), settings.url()), jars, files, journal, settings.url(),
                settings.clock(), journal.recovered().lastJobNumber());
        HistoryStore history = HistoryStore.open(settings.dir().resolve(HISTORY), new Retention(settings.retainedJobs(),
                settings.historyMaxBytes()), journal.recovered().lastJobNumber());
        loop.effectsTo(new JobEffects(loop, table, io, journal, history, settings.retainedJobs(), job -> admission.release(job.record.jobId())));
        this.queries = new JobQueries(loop, table, new HistoryCache(history, this::onIo), settings.clock(), this::onIo);
        this.workers = new WorkerDesk(loop, table, shuffleGrant);
    }

    /**
     * Recovers the job journal under {@code settings.dir()/journal} and starts the scheduler. Jobs
     * that ran when the master last stopped are resumed where their journal left them; those whose
     * failure or kill was already decided are ended (their output aborted in the background). The
     * store that jobs' {@code dfs:} paths use must answer at {@code settings.url()} by now. A failed
     * journal write later calls {@code failStop}, which must stop the master.
     */
    public static Master open(MasterSettings settings, FailStop failStop) throws IOException {
        return open(settings, jobId -> null, failStop);
    }

    /** {@code shuffleGrant}: mints the capability a job's reducers fetch its map outputs with (by job id). */
    public static Master open(MasterSettings settings, Function<String, String> shuffleGrant, FailStop failStop)
            throws IOException {
        try {
            return open(settings, shuffleGrant, failStop, SchedulerLoop.newThread(), newIoPool(settings.ioThreads())).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            throw e;
        }
    }

    /**
     * Opens the master on the given scheduler thread and I/O pool, which it shuts down when it
     * closes; the future completes once the journal's jobs are recovered, the shipped files no job
     * needs are swept, and the scheduler ticks. Tests give a manual executor and clock.
     */
    static CompletableFuture<Master> open(MasterSettings settings, Function<String, String> shuffleGrant, FailStop failStop,
                                          ScheduledExecutorService schedulerThread, ExecutorService io) throws IOException {
        SchedulerSettings.from(settings.conf());
        JobJournal journal = JobJournal.open(settings.dir().resolve("journal"), failStop);
        Master m;
        try {
            m = new Master(settings, journal, new JarStore(settings.dir().resolve("jars")), new FileStore(settings.dir().resolve("files")),
                    shuffleGrant, schedulerThread, io);
        } catch (IOException | RuntimeException e) {
            journal.close();
            schedulerThread.shutdown();
            io.shutdown();
            throw e;
        }
        return m.loop.call(() -> {
            m.recover();
            return null;
        }).thenApplyAsync(recovered -> {
            try {
                int swept = m.files.sweep(); // after the resumed jobs hold theirs
                if (swept > 0) LOG.info("deleted {} shipped file(s) that no job on record needs", swept);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            m.loop.startTicking(settings.tickMs());
            return m;
        }, io);
    }

    private static ExecutorService newIoPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mr-master-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Scheduler thread, before any worker request: lists the ended jobs, resumes the others or ends them. */
    private void recover() {
        JobJournal.Recovered r = journal.recovered();
        for (JobJournal.EndedJob e : r.ended()) table.archive(e);
        for (UnfinishedJob job : r.unfinished()) {
            JobRecord record = job.record();
            admission.claim(record); // until it ends, no new job may write there, and its shipped files stay
            String notResumed = job.abortState() != null ? job.abortDiagnostics() : resume(job);
            if (notResumed == null) continue;
            JobState state = job.abortState() != null ? JobState.valueOf(job.abortState()) : JobState.FAILED;
            JobView ended = SchedulerViews.ended(record, state, settings.clock().getAsLong(), notResumed);
            table.archive(new JobJournal.EndedJob(ended, record.spec()));
            io.execute(new UnfinishedAbort(record, ended, settings, journal, view -> {
                admission.release(job.jobId());
                loop.post(() -> table.archive(view));
            }));
        }
    }

    /** Scheduler thread: takes a job up where its journal left it; null when it runs again, else why it cannot. */
    private String resume(UnfinishedJob job) {
        JobRecord r = job.record();
        JobOutput output;
        try {
            output = JobOutput.open(r, settings.url());
        } catch (RuntimeException e) {
            return "the master restarted and could not resume the job: " + e.getMessage();
        }
        try {
            if (!FileRoots.from(settings.conf()).allows(output.path())) {
                output.close();
                return "the master restarted and may not resume the job: its output " + output.path() + " is outside the allowed file roots";
            }
        } catch (IOException e) {
            output.close();
            return "the master restarted and could not check the job's output " + output.path() + ": " + e.getMessage();
        }
        Event.JobResumed event;
        try {
            event = JobEvents.resumed(job, settings.clock().getAsLong());
            journal.resumed(r.jobId(), event.resumption());
        } catch (IOException | IllegalArgumentException e) {
            output.close();
            return "the master restarted and could not resume the job: " + e.getMessage();
        }
        table.add(new JobTable.LiveJob(r, output)); // before feeding: the effects of the event look it up
        try {
            loop.feed(event);
        } catch (IllegalArgumentException e) { // refused before any state changed: the journal's entries do not fit the job
            table.drop(r.jobId());
            output.close();
            return "the master restarted and could not resume the job: " + e.getMessage();
        }
        if (job.killRequested()) loop.feed(now -> new Event.JobKillRequested(now, r.jobId()));
        LOG.info("job {} resumed ({} time{}): {} of its tasks' attempts kept from the journal", r.jobId(), event.resumption(),
                event.resumption() == 1 ? "" : "s", event.done().size());
        return null;
    }

    public String url() {
        return settings.url();
    }

    public Path jarPath(String jobId) {
        return jars.path(jobId);
    }

    /**
     * The stored file whose content is {@code sha256}, shipped with the running job {@code jobId},
     * for a worker (a cluster principal), the job's owner or an admin: anybody else gets a 403, a
     * job that does not ship it (or has ended) a 404.
     */
    public CompletableFuture<Path> jobFile(String jobId, String sha256, Principal who) {
        return loop.call(() -> {
            JobTable.LiveJob live = table.live(jobId);
            if (live == null) throw Refusal.notFound("job " + jobId + " is not running: its shipped files are no longer kept");
            if (!live.record.ships(sha256)) throw Refusal.notFound("job " + jobId + " ships no file with SHA-256 " + sha256);
            if (!who.isAdmin() && !who.name().equals(live.record.owner())) {
                throw new Refusal(403, "the files of job " + jobId + " are for its workers and its owner (" + live.record.owner() + ") only");
            }
            return files.path(sha256);
        });
    }

    // ---- jobs

    /**
     * Validates and accepts a job; completes with its id once it is journaled and scheduled. The
     * live workers' memory is read first, on the scheduler thread, so that validation on the I/O
     * pool gets it as a plain number.
     */
    public CompletableFuture<SubmitResponse> submit(Submission s) {
        return workers.largestMemoryMb().thenCompose(memory -> admit(s, memory)).thenCompose(a -> loop.call(() -> {
            JobRecord r = a.record();
            table.add(new JobTable.LiveJob(r, a.output()));
            loop.feed(now -> JobEvents.submitted(r, now));
            return new SubmitResponse(r.jobId(), settings.url() + "/api/v1/jobs/" + r.jobId());
        })).exceptionallyCompose(Master::unwrap);
    }

    private CompletableFuture<JobAdmission.Admitted> admit(Submission s, long largestWorkerMemoryMb) {
        try {
            return CompletableFuture.supplyAsync(() -> admission.admit(s, largestWorkerMemoryMb), io);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(Refusal.unavailable("the master is stopping; submit to its next run"));
        }
    }

    public CompletableFuture<Page<JobView>> jobs(int offset, int limit) {
        return queries.jobs(null, offset, limit);
    }

    /** @param state only jobs in this state ({@code running}, {@code succeeded}, ..., or {@code active}); null for all */
    public CompletableFuture<Page<JobView>> jobs(String state, int offset, int limit) {
        return queries.jobs(state, offset, limit);
    }

    public CompletableFuture<JobView> job(String jobId) {
        return queries.job(jobId);
    }

    /** The job's view once it has ended or {@code waitMs} have passed, whichever is first. */
    public CompletableFuture<JobView> jobAtEnd(String jobId, long waitMs) {
        return queries.jobAtEnd(jobId, waitMs);
    }

    public CompletableFuture<Page<TaskView>> tasks(String jobId, String type, String state, int offset, int limit) {
        return tasks(jobId, type, state, null, null, offset, limit);
    }

    /**
     * One page of a job's tasks.
     *
     * @param type  {@code map}, {@code reduce}, or null for both
     * @param state a task state (any case), or null for all
     * @param sort  a {@link TaskSort} column name, or null for the job's order
     * @param order {@code asc} (default) or {@code desc}
     */
    public CompletableFuture<Page<TaskView>> tasks(String jobId, String type, String state, String sort, String order, int offset, int limit) {
        TaskQuery[] q = new TaskQuery[1];
        JobQueries.checked(() -> q[0] = TaskQuery.parse(type, state, sort, order, offset, limit));
        return queries.tasks(jobId, q[0]);
    }

    /** Per-phase task counts, duration percentiles and slowest tasks. */
    public CompletableFuture<JobStats> stats(String jobId) {
        return queries.stats(jobId);
    }

    /** The job's attempts laid out per worker in time, at most {@code limit} of them. */
    public CompletableFuture<Timeline> timeline(String jobId, int limit) {
        return queries.timeline(jobId, limit);
    }

    /** One attempt, with its error, stack trace and log tail when it failed. */
    public CompletableFuture<AttemptView> attempt(String jobId, String attemptId) {
        return queries.attempt(jobId, attemptId);
    }

    public CompletableFuture<JobSpec> spec(String jobId) {
        return queries.spec(jobId);
    }

    /**
     * Asks the scheduler to kill a running job on behalf of {@code user}; completes with its view
     * right after. Only the job's owner or an admin may: anybody else gets a 403.
     */
    public CompletableFuture<JobView> kill(String jobId, String user, boolean admin) {
        return loop.call(() -> {
            JobTable.LiveJob job = queries.requireLive(jobId);
            String owner = job.record.owner();
            if (!admin && !user.equals(owner)) {
                throw new Refusal(403, "job " + jobId + " belongs to " + (owner == null ? "nobody on record" : owner)
                        + "; only its owner or an admin token (scripts/mr-token --admin) may kill it");
            }
            var status = loop.scheduler().job(jobId).orElseThrow();
            if (status.state().isFinal()) throw Refusal.conflict("job " + jobId + " already ended: " + status.state());
            journal.killRequested(jobId);
            loop.feed(now -> new Event.JobKillRequested(now, jobId));
            return SchedulerViews.job(loop.scheduler().job(jobId).orElseThrow(), job.record);
        });
    }

    // ---- workers

    public CompletableFuture<RegisterResponse> register(RegisterRequest r) {
        return workers.register(r);
    }

    public CompletableFuture<HeartbeatResponse> heartbeat(HeartbeatRequest r) {
        return workers.heartbeat(r);
    }

    public CompletableFuture<Void> fetchFailure(FetchFailure f) {
        return workers.fetchFailure(f);
    }

    public CompletableFuture<List<WorkerView>> workers() {
        return queries.workers();
    }

    /** Stops scheduling, waits briefly for commits in flight, closes job outputs and the journal. */
    @Override
    public void close() {
        loop.close();
        io.shutdown();
        try {
            if (!io.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("commits still running after 10 s at shutdown; their jobs will be reported interrupted at the next start");
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (JobTable.LiveJob j : table.live()) j.output.close();
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("closing the job journal: {}", e.toString());
        }
    }

    /** Runs reads of the job history and the answers made from them on the I/O pool; a 503 once it stops. */
    private void onIo(Runnable work) {
        try {
            io.execute(work);
        } catch (RejectedExecutionException e) {
            throw Refusal.unavailable("the master is stopping; retry against its next run");
        }
    }

    private static <T> CompletableFuture<T> unwrap(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return CompletableFuture.failedFuture(c);
    }
}
