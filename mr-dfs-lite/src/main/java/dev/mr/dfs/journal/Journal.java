package dev.mr.dfs.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceOp;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's durable memory of the namespace: a {@link FrameLog} of JSON {@link NamespaceOp}
 * records, each forced to disk before {@link #append} returns, plus checkpoints of the whole
 * namespace ({@link CheckpointFile}) that bound how much log a restart replays.
 *
 * <p>Files in its directory: {@code checkpoint-N} (the namespace as of the start of log N) and
 * {@code log-N}; other names (the master's {@code jobs.log}) are left alone. A checkpoint is
 * written to a temporary file and forced; its log is created; the checkpoint is renamed into
 * place and the directory forced; only then are older files removed, so a crash at any point
 * leaves a recoverable set.
 *
 * <p>{@link #recover} reads the newest readable checkpoint (falling back on an older one, with
 * a warning) and replays the logs from its number on, which must follow each other without a
 * gap; it then appends to the last log. The last log is read under {@link FrameLog}'s tail rule:
 * a torn tail is dropped with a warning, damage with valid records after it refuses the start.
 * Damage in any earlier log refuses too: a later log proves that one was complete.
 *
 * <p>Fail-stop: once an append or a checkpoint fails, the {@link FailStop} has been called
 * (once) and every later append and checkpoint throws, naming the original cause.
 *
 * <p>Not thread-safe: the master calls it under its own lock.
 */
public final class Journal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern NAME = Pattern.compile("(checkpoint|log)-([0-9]{16})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final FailStop failStop;
    private final FrameLog.ChannelFactory channels;
    private final int checkpointBatchBytes;
    private final List<String> warnings = new ArrayList<>();
    private long segment;
    private FrameLog log;
    private int sinceCheckpoint;
    private IOException failure;

    public Journal(Path dir, FailStop failStop) {
        this(dir, failStop, FrameLog.FILES, CheckpointFile.BATCH_BYTES);
    }

    /**
     * A journal writing through {@code channels} (tests inject a failing disk there), with
     * checkpoint frames of about {@code checkpointBatchBytes} (tests make them small).
     */
    public Journal(Path dir, FailStop failStop, FrameLog.ChannelFactory channels, int checkpointBatchBytes) {
        if (checkpointBatchBytes < 1 || checkpointBatchBytes > Frames.MAX_PAYLOAD / 2) {
            throw new IllegalArgumentException("checkpoint batch of " + checkpointBatchBytes + " bytes outside [1, " + Frames.MAX_PAYLOAD / 2 + "]");
        }
        this.dir = dir;
        this.failStop = failStop;
        this.channels = channels;
        this.checkpointBatchBytes = checkpointBatchBytes;
    }

    /** Warnings from {@link #recover}: dropped torn records, unreadable checkpoints. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Records appended (or replayed) since the last checkpoint. */
    public int sinceCheckpoint() {
        return sinceCheckpoint;
    }

    /**
     * Rebuilds the namespace from the newest readable checkpoint and the logs after it, and
     * opens the last log for appends. An empty directory gives an empty namespace. Throws an
     * IOException saying what is wrong and what to do when the files cannot give back every
     * acknowledged operation.
     */
    public Namespace recover() throws IOException {
        Files.createDirectories(dir);
        TreeMap<Long, Path> checkpoints = new TreeMap<>();
        TreeMap<Long, Path> logs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) (m.group(1).equals("log") ? logs : checkpoints).put(Long.parseLong(m.group(2)), p);
            }
        }
        Namespace ns = null;
        long from = 1; // without a checkpoint, history starts at the first log ever written
        for (Map.Entry<Long, Path> c : checkpoints.descendingMap().entrySet()) {
            try {
                ns = CheckpointFile.read(c.getValue());
                from = c.getKey();
                break;
            } catch (IOException e) {
                String w = "checkpoint " + c.getValue() + " is unreadable (" + e.getMessage() + "); trying an older one";
                LOG.warn(w);
                warnings.add(w);
                if (c.getKey().equals(checkpoints.firstKey())) {
                    throw new IOException("no readable checkpoint in " + dir + " (the oldest: " + e.getMessage() + "); restore the directory from a backup", e);
                }
            }
        }
        if (ns == null) ns = new Namespace();
        List<Long> toReplay = new ArrayList<>(logs.tailMap(from, true).keySet());
        checkContiguous(from, toReplay, logs);
        int replayed = 0;
        for (int i = 0; i < toReplay.size(); i++) {
            Path p = logs.get(toReplay.get(i));
            if (i < toReplay.size() - 1) replayed += replayWhole(p, logs.get(toReplay.get(i + 1)), ns);
            else replayed += replayLast(p, ns);
        }
        LOG.info("journal {}: recovered the namespace from checkpoint {} and {} logged operations", dir, checkpoints.isEmpty() ? "none" : from, replayed);
        if (toReplay.isEmpty()) {
            // nothing to append to: a fresh directory, or a checkpoint whose log is gone; number the
            // new checkpoint above every existing one, so an unreadable newer one is never tried again
            segment = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
            writeCheckpoint(ns);
        } else {
            segment = toReplay.get(toReplay.size() - 1);
            log = FrameLog.open(currentLog(), channels, failStop);
            sinceCheckpoint = replayed;
        }
        return ns;
    }

    /** A missing log between the checkpoint and the last log is a hole in history. */
    private void checkContiguous(long from, List<Long> toReplay, TreeMap<Long, Path> logs) throws IOException {
        for (int i = 0; i < toReplay.size(); i++) {
            long want = from + i;
            if (toReplay.get(i) != want) {
                throw new IOException("journal " + dir + " lacks " + logName(want) + ", which must hold the operations between "
                        + (i == 0 ? "checkpoint-" + String.format("%016d", from) : logs.get(toReplay.get(i - 1)).getFileName()) + " and "
                        + logs.get(toReplay.get(i)).getFileName() + "; refusing to start with a hole in the namespace history: restore it from a backup");
            }
        }
    }

    private int replayWhole(Path p, Path next, Namespace ns) throws IOException {
        try {
            return FrameLog.replayWhole(p, (at, payload) -> apply(p, at, payload, ns));
        } catch (DamagedFrameException d) {
            throw new IOException("journal " + p + " is damaged at offset " + d.offset() + " (" + d.why() + ") and is not the last log ("
                    + next.getFileName() + " follows it), so the damage is not a torn write; refusing to start with a hole in the namespace "
                    + "history. Restore " + p + " from a backup", d);
        }
    }

    private int replayLast(Path p, Namespace ns) throws IOException {
        FrameLog.Replayed r = FrameLog.replay(p, (at, payload) -> apply(p, at, payload, ns));
        if (r.warning() != null) warnings.add(r.warning());
        return r.records();
    }

    private static void apply(Path p, long at, byte[] payload, Namespace ns) throws IOException {
        NamespaceOp op;
        try {
            op = JSON.readValue(payload, NamespaceOp.class);
        } catch (IOException e) {
            throw new IOException("journal " + p + " at offset " + at + ": an intact record that is not an operation (" + e.getMessage()
                    + "); was the file written by another program?", e);
        }
        try {
            ns.check(op);
            ns.apply(op);
        } catch (RuntimeException e) {
            throw new IOException("journal " + p + " at offset " + at + ": operation " + op + " does not apply: " + e.getMessage(), e);
        }
    }

    /** Appends one op and forces it to disk. */
    public void append(NamespaceOp op) throws IOException {
        checkHealthy();
        if (log == null) throw new IOException("the journal in " + dir + " is not open");
        try {
            log.append(JSON.writeValueAsBytes(op));
        } catch (IOException e) {
            failure = e; // the log has called the FailStop
            throw e;
        }
        sinceCheckpoint++;
    }

    /** Writes a checkpoint of {@code ns} and starts a new log after it; older files go. */
    public void checkpoint(Namespace ns) throws IOException {
        checkHealthy();
        try {
            writeCheckpoint(ns);
        } catch (IOException | RuntimeException e) {
            failure = new IOException("could not checkpoint the namespace journal in " + dir + ": " + e, e);
            failStop.stop("the namespace journal in " + dir + " could not write a checkpoint (" + e + "); every change is refused from now on. "
                    + "Fix the cause (disk full? disk failing?) and restart: every acknowledged change is in the log", e);
            throw failure;
        }
    }

    private void writeCheckpoint(Namespace ns) throws IOException {
        long next = segment + 1;
        Path tmp = dir.resolve("checkpoint.tmp");
        try (FrameWriter w = FrameWriter.create(tmp, channels)) {
            CheckpointFile.write(ns, w, checkpointBatchBytes);
            w.finish();
        }
        Path newLogPath = dir.resolve(logName(next));
        if (Files.exists(newLogPath) && Files.size(newLogPath) > 0) {
            throw new IOException(newLogPath + " exists already with " + Files.size(newLogPath) + " bytes; the journal's files are not what it wrote");
        }
        FrameLog newLog = FrameLog.open(newLogPath, channels, failStop);
        try {
            FrameWriter.install(tmp, dir.resolve(String.format("checkpoint-%016d", next)));
        } catch (IOException | RuntimeException e) {
            newLog.close();
            throw e;
        }
        FrameLog old = log;
        log = newLog;
        segment = next;
        sinceCheckpoint = 0;
        if (old != null) old.close();
        removeOlderThan(next);
    }

    /** Files before the durable checkpoint {@code keep}: garbage, so failing to remove one only warns. */
    private void removeOlderThan(long keep) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(2)) < keep) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("journal {}: could not remove files older than checkpoint {}: {}", dir, keep, e.toString());
        }
    }

    private void checkHealthy() throws IOException {
        if (failure != null) {
            throw new IOException("the namespace journal in " + dir + " failed earlier (" + failure.getMessage()
                    + ") and takes no more changes; restart the master once the cause is fixed", failure);
        }
    }

    private static String logName(long n) {
        return String.format("log-%016d", n);
    }

    /** The current log file, for tests that damage it. */
    public Path currentLog() {
        return dir.resolve(logName(segment));
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
