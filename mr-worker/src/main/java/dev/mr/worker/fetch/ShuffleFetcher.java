package dev.mr.worker.fetch;

import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.MapOutputEntry;
import dev.mr.shuffle.FileSegment;
import dev.mr.worker.policy.FetchPlan;
import dev.mr.worker.policy.FetchRetryPolicy;
import dev.mr.worker.task.ShuffleInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reduce attempt's {@link ShuffleInput} on a worker: takes the map output entries the master
 * sends (through heartbeat answers, from any time after the assignment), fetches its partition
 * of every map output over HTTP with at most {@code parallelCopies} fetches in flight, checks
 * each segment's CRC32C, hands the sound ones to the reduce task's sink, and retries failures
 * with backoff, telling the master after every few failures of one output (see
 * {@link FetchPlan}, which makes every decision). Returns once it has one segment per map task.
 *
 * <p>Threads: the heartbeat thread calls {@link #offer}; the task thread calls {@link #prepare}
 * then {@link #fetch}, which coordinates; fetches run on the shared fetch pool and hand their
 * segment to the sink themselves; {@link #close} (any thread) stops everything; the progress
 * getters are for any thread. The plan, the in-flight fetches and the state are guarded by
 * {@code lock}.
 */
public final class ShuffleFetcher implements ShuffleInput {

    private static final Logger LOG = LoggerFactory.getLogger(ShuffleFetcher.class);

    private final AttemptId reduceAttempt;
    private final SegmentClient client;
    private final FetchFailureReporter reporter;
    private final ExecutorService pool;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final FetchPlan plan;
    private final Map<AttemptId, Future<?>> inFlight = new HashMap<>();
    private final AtomicLong records = new AtomicLong();
    private volatile int known;
    private volatile int fetched;
    private volatile boolean recordsUnknown;
    private int parallelCopies = 1;
    private ShuffleMemory memory;
    private Path tmpDir;
    private int partition = -1;
    private SegmentSink sink;
    private int accepting;
    private IOException failure;
    private boolean closed;
    /** The capability to fetch this job's map outputs, as the master last sent it. */
    private volatile String token;

    public ShuffleFetcher(AttemptId reduceAttempt, int maps, FetchRetryPolicy policy, SegmentClient client,
                          FetchFailureReporter reporter, ExecutorService pool, LongSupplier clock) {
        this.reduceAttempt = reduceAttempt;
        this.plan = new FetchPlan(reduceAttempt.task().jobId(), maps, policy);
        this.client = client;
        this.reporter = reporter;
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * New map output log entries for this attempt, in order; resent ones are skipped.
     * {@code token}: the capability to fetch the job's map outputs (null on an insecure cluster).
     */
    public void offer(List<MapOutputEntry> entries, String token) {
        if (token != null) this.token = token;
        lock.lock();
        try {
            for (String why : plan.received(entries)) LOG.warn("{}: ignoring a map output entry: {}", reduceAttempt, why);
            known = plan.known();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Map output log entries received so far (the heartbeat's {@code mapOutputsKnown}). */
    public int known() {
        return known;
    }

    /** The fraction of map outputs fetched. */
    public double fetchedFraction() {
        return plan.maps() == 0 ? 1 : (double) fetched / plan.maps();
    }

    /** Records in the segments taken so far, or -1 when a server did not say. */
    public long records() {
        return recordsUnknown ? -1 : records.get();
    }

    /** Sets what {@link #fetch} works with; called by the task thread before it. */
    public void prepare(int parallelCopies, long reduceMemoryBytes, Path tmpDir) {
        lock.lock();
        try {
            this.parallelCopies = parallelCopies;
            this.memory = ShuffleMemory.forBudget(reduceMemoryBytes);
            this.tmpDir = tmpDir;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void fetch(int partition, SegmentSink sink) throws IOException, InterruptedException {
        lock.lock();
        try {
            if (memory == null) throw new IllegalStateException("prepare() before fetch()");
            if (this.sink != null) throw new IllegalStateException("fetch() runs once");
            this.partition = partition;
            this.sink = sink;
            while (true) {
                if (closed) throw new InterruptedException("the shuffle of " + reduceAttempt + " was stopped");
                if (failure != null) throw failure;
                if (plan.done() && accepting == 0) return;
                long now = clock.getAsLong();
                for (FetchPlan.Fetch f : plan.due(now, parallelCopies)) {
                    inFlight.put(f.mapAttempt(), pool.submit(() -> run(f)));
                }
                long next = plan.nextDue();
                if (plan.done() || next == Long.MAX_VALUE || plan.inFlight() >= parallelCopies) changed.await();
                else changed.await(Math.max(1, next - now), TimeUnit.MILLISECONDS);
            }
        } finally {
            for (Future<?> f : inFlight.values()) f.cancel(true); // replaced outputs still on their way
            lock.unlock();
        }
    }

    /** One fetch, on a pool thread: get the segment, let the plan decide, hand it over or drop it. */
    private void run(FetchPlan.Fetch f) {
        FetchedSegment seg = null;
        Exception error = null;
        try {
            seg = client.fetch(f.address(), f.mapAttempt(), partition, memory, tmpDir, token);
        } catch (Exception e) {
            error = e;
        }
        boolean use = false;
        boolean report = false;
        lock.lock();
        try {
            inFlight.remove(f.mapAttempt());
            if (!closed) {
                if (seg != null) {
                    use = plan.succeeded(f.mapAttempt());
                    if (use) accepting++;
                } else {
                    report = plan.failed(f.mapAttempt(), clock.getAsLong());
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (seg != null && !use) drop(seg);
        if (use) deliver(seg);
        if (error != null && !isClosed()) {
            LOG.warn("{}: fetching {} from {} failed: {}", reduceAttempt, f.mapAttempt(), f.address(), error.toString());
        }
        if (report) {
            try {
                reporter.reportFetchFailure(reduceAttempt, f.mapAttempt(), String.valueOf(error));
                LOG.warn("{}: reported a fetch failure of {} to the master", reduceAttempt, f.mapAttempt());
            } catch (Exception e) {
                LOG.warn("{}: could not report a fetch failure of {}: {}", reduceAttempt, f.mapAttempt(), e.toString());
            }
        }
    }

    private void deliver(FetchedSegment seg) {
        IOException failed = null;
        try {
            sink.accept(seg.segment(), seg.length());
            if (seg.records() < 0) recordsUnknown = true;
            else records.addAndGet(seg.records());
        } catch (IOException e) {
            failed = e;
        } catch (RuntimeException e) {
            failed = new IOException("taking a fetched segment failed: " + e, e);
        } finally {
            memory.release(seg.reserved());
        }
        lock.lock();
        try {
            accepting--;
            fetched = plan.fetched();
            if (failed != null && failure == null) failure = failed;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void drop(FetchedSegment seg) {
        memory.release(seg.reserved());
        if (seg.segment() instanceof FileSegment f) {
            try {
                Files.deleteIfExists(f.file());
            } catch (IOException e) {
                LOG.debug("could not delete {}: {}", f.file(), e.toString());
            }
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops fetching: cancels fetches in flight and makes {@link #fetch} return. Idempotent. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Future<?> f : inFlight.values()) f.cancel(true);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
