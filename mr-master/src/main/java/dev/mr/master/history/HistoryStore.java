package dev.mr.master.history;

import dev.mr.master.jobs.JobIds;
import dev.mr.master.scheduler.JobStatus;
import dev.mr.master.scheduler.TaskStatus;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's job history on disk: {@code <dir>/<jobId>.json.gz} ({@link HistoryFormat}), one
 * file per ended job, within the bounds of a {@link Retention}. A file is written whole or not
 * at all: to {@code <jobId>.json.gz.tmp}, forced, given its job's finish time as its
 * modification time, renamed into place, the directory forced. The modification times let
 * {@link #open} order the files from one directory listing, reading none of them, so a start
 * with 1,000 files stays fast; after each write the oldest files beyond the bounds are deleted.
 *
 * <p>Nothing here stops the master: a directory that cannot be made or listed turns the
 * history off, a write that fails leaves the job without history, and a file that is missing,
 * damaged or unreadable is a {@link HistoryLookup.NotKept} whose note says so. Each is logged.
 *
 * <p>Thread-safe: writes and reads run on the master's I/O pool; the index is guarded by {@code this}.
 */
public final class HistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    public static final String SUFFIX = ".json.gz";
    static final String PARTIAL = ".tmp";

    private final Path dir;
    private final Retention retention;
    /** Why the store keeps nothing, or null when it keeps history. */
    private final String off;
    private final Map<String, Retention.Kept> index = new HashMap<>();
    private final List<Consumer<String>> dropListeners = new CopyOnWriteArrayList<>();

    private HistoryStore(Path dir, Retention retention, String off) {
        this.dir = dir;
        this.retention = retention;
        this.off = off;
    }

    /**
     * Indexes the history in {@code dir} (made when missing) and deletes what is not to be kept:
     * files beyond the bounds, writes cut short by a stop, and files of jobs numbered above
     * {@code lastJobNumber}, the job journal's highest id, which must come from another journal
     * (a later job of this one would take their ids). Never throws.
     */
    public static HistoryStore open(Path dir, Retention retention, int lastJobNumber) {
        long start = System.nanoTime();
        if (!retention.keepsAny()) {
            HistoryStore s = new HistoryStore(dir, retention, "the master keeps no job history (mr.master.retained.jobs="
                    + retention.maxJobs() + ", mr.master.history.max.mb=" + (retention.maxBytes() >> 20) + ")");
            if (Files.isDirectory(dir)) s.index(lastJobNumber); // the bounds say: none, so the old files go
            return s;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            String why = "the job history directory " + dir + " cannot be made (" + e + "); ended jobs will show their summary only"
                    + " until the master may write there and is restarted";
            LOG.error(why);
            return new HistoryStore(dir, retention, why);
        }
        HistoryStore s = new HistoryStore(dir, retention, null);
        String failed = s.index(lastJobNumber);
        if (failed != null) {
            LOG.error(failed);
            return new HistoryStore(dir, retention, failed);
        }
        LOG.info("job history {}: {} jobs, {} MiB, indexed in {} ms", dir, s.jobs(), s.bytes() >> 20, (System.nanoTime() - start) / 1_000_000);
        return s;
    }

    /** Calls {@code listener} with the id of every job whose file is replaced or deleted. */
    public void onDropped(Consumer<String> listener) {
        dropListeners.add(listener);
    }

    /** Whether {@link #write} keeps anything: a caller may skip making a {@link JobHistory} when not. */
    public boolean keeps() {
        return off == null;
    }

    /**
     * Writes an ended job's history from the scheduler's snapshots (see {@link JobHistory#of});
     * logs, never throws: the job's end is journaled next whatever happens here.
     */
    public void write(JobStatus job, List<TaskStatus> tasks, Map<String, String> logs) {
        if (off != null) return;
        JobHistory h;
        try {
            h = JobHistory.of(job, tasks, logs);
        } catch (RuntimeException e) {
            LOG.error("could not make the history of job {}; its page will show its summary only", job.jobId(), e);
            return;
        }
        write(h);
    }

    /** Writes an ended job's history, then deletes the oldest files beyond the bounds. Logs, never throws. */
    public void write(JobHistory h) {
        if (off != null) return;
        String jobId = h.jobId();
        Path file = file(jobId);
        Path tmp = dir.resolve(jobId + SUFFIX + PARTIAL);
        long bytes;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                HistoryFormat.write(h, out);
                out.flush();
                ch.force(true);
                bytes = ch.size();
            }
            if (!retention.fits(bytes)) {
                Files.deleteIfExists(tmp);
                LOG.warn("the history of job {} takes {} MiB, more than mr.master.history.max.mb={} allows; it is not kept",
                        jobId, bytes >> 20, retention.maxBytes() >> 20);
                return;
            }
            Files.setLastModifiedTime(tmp, FileTime.fromMillis(h.finishTime()));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        } catch (IOException | RuntimeException e) {
            delete(tmp);
            LOG.warn("could not write the history of job {} to {} ({}); its page will show its summary only", jobId, file, e.toString());
            return;
        }
        List<Retention.Kept> beyond;
        synchronized (this) {
            index.put(jobId, new Retention.Kept(jobId, h.finishTime(), bytes));
            beyond = drop(retention.beyond(index.values()));
        }
        dropped(jobId);
        remove(beyond);
    }

    /** The job's detail from its file, or why there is none. */
    public HistoryLookup read(String jobId) {
        if (off != null) return new HistoryLookup.NotKept(off);
        Retention.Kept k;
        synchronized (this) {
            k = index.get(jobId);
        }
        if (k == null) {
            return new HistoryLookup.NotKept(jobId + " has no history file: the master keeps the tasks of the newest " + retention.maxJobs()
                    + " ended jobs within " + (retention.maxBytes() >> 20) + " MiB (mr.master.retained.jobs, mr.master.history.max.mb),"
                    + " and none of a job that ran when the master stopped or ended before it kept history; only the job's summary is kept");
        }
        Path file = file(jobId);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return new HistoryLookup.Kept(new JobDetail(HistoryFormat.read(in, jobId)));
        } catch (NoSuchFileException e) {
            synchronized (this) {
                index.remove(jobId, k);
            }
            return new HistoryLookup.NotKept("the history file " + file + " was removed while the master ran: only the job's summary is kept");
        } catch (HistoryFormat.Damaged | RuntimeException e) {
            LOG.warn("history file {} is damaged: {}", file, e.getMessage());
            return new HistoryLookup.NotKept("the history file " + file + " is damaged (" + e.getMessage()
                    + "), so only the job's summary is shown; move the file away to silence this note");
        } catch (IOException e) {
            LOG.warn("history file {} could not be read: {}", file, e.toString());
            return new HistoryLookup.NotKept("the history file " + file + " could not be read (" + e
                    + "); once the master may read it, reload the page");
        }
    }

    synchronized int jobs() {
        return index.size();
    }

    synchronized long bytes() {
        long b = 0;
        for (Retention.Kept k : index.values()) b += k.bytes();
        return b;
    }

    Path file(String jobId) {
        return dir.resolve(jobId + SUFFIX);
    }

    /** Builds the index from a listing and applies the bounds; returns why it could not, or null. */
    private String index(int lastJobNumber) {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX + PARTIAL)) {
                    stale.add(p); // a write the last run did not finish
                    continue;
                }
                if (!name.endsWith(SUFFIX)) continue;
                String jobId = name.substring(0, name.length() - SUFFIX.length());
                int number = JobIds.number(jobId);
                if (number < 0) continue; // not the master's; left alone
                if (number > lastJobNumber) {
                    LOG.warn("history file {} is of a job the job journal never issued (its last is {}); deleted", p,
                            lastJobNumber == 0 ? "none" : JobIds.format(lastJobNumber));
                    stale.add(p);
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                synchronized (this) {
                    index.put(jobId, new Retention.Kept(jobId, a.lastModifiedTime().toMillis(), a.size()));
                }
            }
        } catch (IOException e) {
            return "the job history directory " + dir + " cannot be listed (" + e + "); ended jobs will show their summary only"
                    + " until the master may read it and is restarted";
        }
        for (Path p : stale) delete(p);
        List<Retention.Kept> beyond;
        synchronized (this) {
            beyond = drop(retention.beyond(index.values()));
        }
        remove(beyond);
        return null;
    }

    /** Guarded by this: takes {@code kept} out of the index. */
    private List<Retention.Kept> drop(List<Retention.Kept> kept) {
        for (Retention.Kept k : kept) index.remove(k.jobId());
        return kept;
    }

    private void remove(List<Retention.Kept> beyond) {
        for (Retention.Kept k : beyond) {
            delete(file(k.jobId()));
            dropped(k.jobId());
        }
        if (!beyond.isEmpty()) LOG.info("job history: deleted {} files beyond the newest {} jobs or {} MiB", beyond.size(),
                retention.maxJobs(), retention.maxBytes() >> 20);
    }

    private void dropped(String jobId) {
        for (Consumer<String> l : dropListeners) l.accept(jobId);
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.toString());
        }
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some filesystems refuse to open a directory; the rename is atomic all the same
        }
    }
}
