package dev.mr.master.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.master.jobs.JobIds;
import dev.mr.master.jobs.JobRecord;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobView;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's durable memory of jobs: {@code <dir>/jobs.log}, CRC-framed JSON records
 * ({@link JournalRecord}), each forced to disk before the call that appends it returns. A job
 * has a {@code submitted} record (its {@link JobRecord}: settings, jar hash, splits) from the
 * moment it is accepted, and an {@code ended} record (its final view and spec) once it ends.
 *
 * <p>{@link #open} reads the log back and rewrites it compacted (to a temporary file, forced,
 * renamed into place): one {@code ended} record per ended job, and the {@code submitted}
 * record of each job that had not ended, which the caller must end (the job ran when the
 * master stopped). A torn or damaged last record is dropped with a warning (a crash
 * mid-append, never acknowledged); damage before the end stops the start with an error naming
 * the offset. The file lives next to dfs-lite's namespace journal, whose files have other names.
 *
 * <p>Thread-safe: appends are serialized on {@code this}.
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
     * @param ended           jobs that ended, in id order
     * @param interrupted     jobs accepted but not ended (they ran when the master stopped), in id order
     * @param lastJobNumber   the highest job number ever issued, 0 for none
     */
    public record Recovered(List<EndedJob> ended, List<JobRecord> interrupted, int lastJobNumber, List<String> warnings) {}

    private final Path file;
    private final Recovered recovered;
    private FileChannel log;

    private JobJournal(Path file, Recovered recovered, FileChannel log) {
        this.file = file;
        this.recovered = recovered;
        this.log = log;
    }

    /** Reads the journal in {@code dir} (created when missing) and compacts it. */
    public static JobJournal open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Map<String, JobRecord> running = new LinkedHashMap<>();
        Map<String, EndedJob> ended = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (Files.exists(file)) replay(file, running, ended, warnings);
        int last = 0;
        for (String id : running.keySet()) last = Math.max(last, JobIds.number(id));
        for (String id : ended.keySet()) last = Math.max(last, JobIds.number(id));
        Recovered r = new Recovered(List.copyOf(ended.values()), List.copyOf(running.values()), last, List.copyOf(warnings));
        compact(dir, file, r);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        LOG.info("job journal {}: {} ended jobs, {} interrupted, last id {}", file, ended.size(), running.size(),
                last == 0 ? "none" : JobIds.format(last));
        return new JobJournal(file, r, ch);
    }

    public Recovered recovered() {
        return recovered;
    }

    /** Journals an accepted job; returns once the record is on disk. */
    public synchronized void submitted(JobRecord job) throws IOException {
        append(new JournalRecord.Submitted(job));
    }

    /** Journals a job's end; returns once the record is on disk. */
    public synchronized void ended(JobView view, JobSpec spec) throws IOException {
        append(new JournalRecord.Ended(view, spec));
    }

    private void append(JournalRecord r) throws IOException {
        if (log == null) throw new IOException("the job journal " + file + " is closed (the master is stopping)");
        ByteBuffer b = Frames.frame(JSON.writerFor(JournalRecord.class).writeValueAsBytes(r));
        while (b.hasRemaining()) log.write(b);
        log.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    private static void replay(Path file, Map<String, JobRecord> running, Map<String, EndedJob> ended, List<String> warnings)
            throws IOException {
        byte[] data = Files.readAllBytes(file);
        int pos = 0;
        while (true) {
            Frames.Read r = Frames.read(data, pos);
            if (r instanceof Frames.End) return;
            if (r instanceof Frames.Record rec) {
                JournalRecord jr;
                try {
                    jr = JSON.readValue(rec.payload(), JournalRecord.class);
                } catch (IOException e) {
                    throw new IOException("job journal " + file + " at offset " + pos + ": unreadable record (" + e.getMessage()
                            + "); move the file away to start with an empty job list", e);
                }
                if (jr instanceof JournalRecord.Submitted s) {
                    running.put(s.job().jobId(), s.job());
                } else if (jr instanceof JournalRecord.Ended e) {
                    running.remove(e.view().jobId());
                    ended.put(e.view().jobId(), new EndedJob(e.view(), e.spec()));
                }
                pos = rec.next();
                continue;
            }
            boolean tail = r instanceof Frames.Torn || ((Frames.Damaged) r).last();
            String why = r instanceof Frames.Torn t ? t.why() : ((Frames.Damaged) r).why();
            if (!tail) {
                throw new IOException("job journal " + file + " is damaged at offset " + pos + " (" + why + ") with records after it; "
                        + "move the file away to start with an empty job list");
            }
            String w = "job journal " + file.getFileName() + ": dropped " + (data.length - pos) + " bytes at offset " + pos + " (" + why
                    + "), left by a crash mid-write; that record was never acknowledged";
            LOG.warn(w);
            warnings.add(w);
            return;
        }
    }

    private static void compact(Path dir, Path file, Recovered r) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<JournalRecord> records = new ArrayList<>();
            for (EndedJob e : r.ended()) records.add(new JournalRecord.Ended(e.view(), e.spec()));
            for (JobRecord j : r.interrupted()) records.add(new JournalRecord.Submitted(j));
            for (JournalRecord rec : records) {
                ByteBuffer b = Frames.frame(JSON.writerFor(JournalRecord.class).writeValueAsBytes(rec));
                while (b.hasRemaining()) ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the journal directory " + dir + " does not support atomic rename", e);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some filesystems refuse to open a directory; the rename is atomic all the same
        }
    }
}
