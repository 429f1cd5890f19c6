package dev.mr.master.journal;

import dev.mr.security.OwnerOnly;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.master.jobs.JobIds;
import dev.mr.master.jobs.JobRecord;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;
import java.io.Closeable;
import java.io.IOException;
import dev.mr.dfs.journal.FailStop;
import dev.mr.dfs.journal.FrameLog;
import dev.mr.dfs.journal.FrameWriter;
import dev.mr.dfs.journal.Frames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's durable memory of jobs: {@code <dir>/jobs.log}, CRC-framed JSON records
 * ({@link JournalRecord}), the events a restarted master needs to resume a job where it stopped
 * and to list it once it ended. Records are written in the order they are handed in, by one
 * writer thread that forces each batch to disk: the calls that return once their record is on disk
 * ({@link #submitted}, {@link #commitStarted}, ...) and those that do not wait
 * ({@link #mapOutput}, {@link #killRequested}) share its batches.
 *
 * <p>{@link #open} reads the log back by dfs-lite's {@link FrameLog} rules (only a torn tail,
 * never acknowledged, is dropped; damage with records after it refuses the start naming the
 * file, the offsets and what to do) and rewrites it compacted (a temporary file, forced, renamed
 * into place). A write that fails makes the journal fail-stop: that record and every later one
 * is refused, and {@code onFailure} is told once, so that the master stops rather than run on
 * with a memory that no longer matches what it acknowledged.
 *
 * <p>Thread-safe.
 */
public final class JobJournal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(JobJournal.class);
    public static final String FILE = "jobs.log";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** An ended job as the journal keeps it. */
    public record EndedJob(JobView view, JobSpec spec) {}

    /**
     * What the journal held when opened.
     *
     * @param ended         jobs that ended, in id order
     * @param unfinished    jobs accepted but not ended (they ran when the master stopped), in id order
     * @param lastJobNumber the highest job number ever issued, 0 for none
     */
    public record Recovered(List<EndedJob> ended, List<UnfinishedJob> unfinished, int lastJobNumber, List<String> warnings) {}

    /** The log is compacted while the master runs once it reaches this size and twice its size after the last compaction. */
    static final long COMPACT_MIN_BYTES = 64L << 20;

    private record Pending(JournalRecord record, byte[] payload, CompletableFuture<Void> written) {}

    private final Path dir;
    private final Path file;
    private final Recovered recovered;
    private final FrameLog.ChannelFactory channels;
    private final FailStop onFailure;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** What the log says now, kept up to date by the writer thread, which alone touches it: what a compaction writes. */
    private final JobsOnRecord fold;
    private final long compactMinBytes;
    private long compactAt;
    /** Replaced by a compaction, on the writer thread; closed by {@link #close} once that thread ended. */
    private FrameLog log;
    private volatile IOException failed;
    private volatile boolean closed;

    private JobJournal(Path dir, Recovered recovered, JobsOnRecord fold, FrameLog log, FrameLog.ChannelFactory channels,
                       FailStop onFailure, long compactMinBytes) {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.recovered = recovered;
        this.fold = fold;
        this.log = log;
        this.channels = channels;
        this.onFailure = onFailure;
        this.compactMinBytes = compactMinBytes;
        this.compactAt = Math.max(compactMinBytes, 2 * log.size());
        this.writer = new Thread(this::write, "mr-job-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Reads the journal in {@code dir} (created when missing) and compacts it. */
    public static JobJournal open(Path dir, FailStop onFailure) throws IOException {
        return open(dir, FrameLog.FILES, onFailure);
    }

    /** Like {@link #open(Path, FailStop)}, writing through {@code channels} (tests inject a failing disk there). */
    public static JobJournal open(Path dir, FrameLog.ChannelFactory channels, FailStop onFailure) throws IOException {
        return open(dir, channels, onFailure, COMPACT_MIN_BYTES);
    }

    /** Like {@link #open(Path, FrameLog.ChannelFactory, FailStop)}, compacting while it runs from {@code compactMinBytes} on. */
    static JobJournal open(Path dir, FrameLog.ChannelFactory channels, FailStop onFailure, long compactMinBytes) throws IOException {
        OwnerOnly.directory(dir); // jobs are journaled with their settings, credentials included: a resumed job needs them
        Path file = dir.resolve(FILE);
        JobsOnRecord fold = new JobsOnRecord();
        List<String> warnings = new ArrayList<>();
        if (Files.exists(file)) replay(file, fold, warnings);
        Recovered r = new Recovered(fold.ended(), fold.unfinished(), fold.lastJobNumber(), List.copyOf(warnings));
        compact(dir, file, JobsOnRecord.records(r.ended(), r.unfinished()), channels);
        FrameLog log = FrameLog.open(file, channels, onFailure);
        LOG.info("job journal {}: {} ended jobs, {} to resume, last id {}", file, r.ended().size(), r.unfinished().size(),
                r.lastJobNumber() == 0 ? "none" : JobIds.format(r.lastJobNumber()));
        return new JobJournal(dir, r, fold, log, channels, onFailure, compactMinBytes);
    }

    public Recovered recovered() {
        return recovered;
    }

    /** Journals an accepted job; returns once the record is on disk. */
    public void submitted(JobRecord job) throws IOException {
        await(new JournalRecord.Submitted(job));
    }

    /** Journals that a restarted master takes the job up again; returns once the record is on disk. */
    public void resumed(String jobId, int resumption) throws IOException {
        await(new JournalRecord.Resumed(jobId, resumption));
    }

    /** Journals, without waiting, that an attempt was launched on a worker. */
    public void launched(String attempt, String workerId, String address, long startTime) {
        enqueue(new JournalRecord.Launched(attempt, workerId, address, startTime));
    }

    /** Journals, without waiting, that an attempt failed (counted toward its task's attempts). */
    public void failed(String attempt, String workerId, long startTime, long finishTime, String error) {
        enqueue(new JournalRecord.Failed(attempt, workerId, startTime, finishTime, error));
    }

    /** Journals, without waiting, that a map attempt's output lives on a worker. */
    public void mapOutput(String attempt, String workerId, String address, long startTime, long finishTime,
                          Map<String, Map<String, Long>> counters) {
        enqueue(new JournalRecord.MapOutput(attempt, workerId, address, startTime, finishTime, counters));
    }

    /** Journals, without waiting, that a map attempt's output is lost. */
    public void mapOutputLost(String attempt) {
        enqueue(new JournalRecord.MapOutputLost(attempt));
    }

    /** Journals that the attempt's commit starts; returns once the record is on disk, before the commit may. */
    public void commitStarted(String attempt, String workerId, long startTime, long finishTime, Map<String, Map<String, Long>> counters)
            throws IOException {
        await(new JournalRecord.CommitStarted(attempt, workerId, startTime, finishTime, counters));
    }

    /** Journals that the attempt's commit is done; returns once the record is on disk. */
    public void taskCommitted(String attempt) throws IOException {
        await(new JournalRecord.TaskCommitted(attempt));
    }

    /** Journals, without waiting, that a user asked to kill the job. */
    public void killRequested(String jobId) {
        enqueue(new JournalRecord.KillRequested(jobId));
    }

    /** Journals that the job failed or was killed and its output is being removed; returns once on disk. */
    public void aborting(String jobId, String state, String diagnostics) throws IOException {
        await(new JournalRecord.Aborting(jobId, state, diagnostics));
    }

    /** Journals a job's end; returns once the record is on disk. */
    public void ended(JobView view, JobSpec spec) throws IOException {
        await(new JournalRecord.Ended(view, spec));
    }

    private void await(JournalRecord r) throws IOException {
        try {
            enqueue(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while journaling " + r.getClass().getSimpleName(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private CompletableFuture<Void> enqueue(JournalRecord r) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        IOException refusal = refusal();
        if (refusal != null) {
            f.completeExceptionally(refusal);
            return f;
        }
        byte[] payload;
        try {
            payload = JSON.writerFor(JournalRecord.class).writeValueAsBytes(r);
            Frames.checkPayload(payload.length);
        } catch (IOException | IllegalArgumentException e) {
            f.completeExceptionally(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            return f;
        }
        queue.add(new Pending(r, payload, f));
        return f;
    }

    private IOException refusal() {
        if (failed != null) return new IOException("the job journal " + file + " failed earlier (" + failed.getMessage()
                + "); the master refuses every change until it is restarted", failed);
        if (closed) return new IOException("the job journal " + file + " is closed (the master is stopping)");
        return null;
    }

    /** The writer thread: takes every record waiting, writes them, forces once, and tells their callers. */
    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends this thread, by its marker
            }
            queue.drainTo(batch);
            int marker = -1;
            for (int i = 0; i < batch.size() && marker < 0; i++) if (batch.get(i).payload() == null) marker = i;
            if (marker < 0) {
                writeBatch(batch);
                batch.clear();
                continue;
            }
            writeBatch(batch.subList(0, marker));
            for (Pending late : batch.subList(marker + 1, batch.size())) late.written().completeExceptionally(refusal());
            return;
        }
    }

    private void writeBatch(List<Pending> batch) {
        if (batch.isEmpty()) return;
        if (failed == null) {
            List<byte[]> payloads = new ArrayList<>(batch.size());
            for (Pending p : batch) payloads.add(p.payload());
            try {
                log.append(payloads); // on failure the log tells its FailStop, once: the master stops
            } catch (IOException e) {
                failed = e;
            }
            if (failed == null) {
                for (Pending p : batch) fold.add(p.record());
                if (log.size() >= compactAt) compactWhileRunning();
            }
        }
        for (Pending p : batch) {
            if (failed == null) p.written().complete(null);
            else p.written().completeExceptionally(refusal());
        }
    }

    /**
     * Writer thread: rewrites the log as what it says now (ended jobs' summaries, unfinished jobs'
     * progress), so that a master running for months does not replay months at its next start. A
     * compaction that fails before its file is in place changes nothing (it is tried again once the
     * log doubled); one that put its file in place but cannot reopen it stops the journal.
     */
    private void compactWhileRunning() {
        long before = log.size();
        try {
            compact(dir, file, JobsOnRecord.records(fold.ended(), fold.unfinished()), channels);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not compact the job journal {} ({} bytes): {}; it goes on growing", file, before, e.toString());
            compactAt = 2 * before;
            return;
        }
        try {
            log.close();
            log = FrameLog.open(file, channels, onFailure);
        } catch (IOException e) {
            failed = e;
            String reason = "reopening the job journal " + file + " after compacting it failed: " + e.getMessage();
            onFailure.stop(reason, e);
            return;
        }
        compactAt = Math.max(compactMinBytes, 2 * log.size());
        LOG.info("compacted the job journal {}: {} bytes to {}", file, before, log.size());
    }

    /** Writes what is queued, then closes the file; later records are refused. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        queue.add(new Pending(null, null, new CompletableFuture<>()));
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending late; (late = queue.poll()) != null; ) {
            if (late.payload() != null) late.written().completeExceptionally(refusal());
        }
        log.close();
    }

    private static void replay(Path file, JobsOnRecord fold, List<String> warnings) throws IOException {
        FrameLog.Replayed r = FrameLog.replay(file, (offset, payload) -> {
            try {
                fold.add(JSON.readValue(payload, JournalRecord.class));
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("job journal " + file + " at offset " + offset + ": unreadable record (" + e.getMessage()
                        + "); restore the file from a backup, or move it away to start with an empty job list", e);
            }
        });
        if (r.warning() != null) {
            LOG.warn(r.warning());
            warnings.add(r.warning());
        }
    }

    private static void compact(Path dir, Path file, List<JournalRecord> records, FrameLog.ChannelFactory channels) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FrameWriter w = FrameWriter.create(tmp, channels)) {
            for (JournalRecord rec : records) w.write(JSON.writerFor(JournalRecord.class).writeValueAsBytes(rec));
            w.finish();
        }
        FrameWriter.install(tmp, file);
    }
}
