package dev.mr.dfs.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceImage;
import dev.mr.dfs.namespace.NamespaceOp;
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
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's durable memory of the namespace: an operation log of CRC-framed
 * {@link NamespaceOp} records, each forced to disk before {@link #append} returns, plus
 * checkpoints of the whole namespace that bound how much log a restart replays.
 *
 * <p>Files in its directory: {@code checkpoint-N} (the namespace as of the start of log N,
 * itself one framed record) and {@code log-N}. A checkpoint is written to a temporary file,
 * forced and renamed into place; only then are older files removed, so a crash at any point
 * leaves a recoverable set. On {@link #recover}, a torn or damaged record at the end of the
 * last log is dropped with a log line (a crash mid-append: it was never acknowledged); damage
 * anywhere else stops the start with an error naming the file and offset.
 *
 * <p>Not thread-safe: the master calls it under its own lock.
 */
public final class Journal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern NAME = Pattern.compile("(checkpoint|log)-([0-9]{16})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private long segment;
    private FileChannel log;
    private int sinceCheckpoint;
    private final List<String> warnings = new ArrayList<>();

    public Journal(Path dir) {
        this.dir = dir;
    }

    /** Warnings from {@link #recover}: dropped torn records and the like. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Records appended since the last checkpoint. */
    public int sinceCheckpoint() {
        return sinceCheckpoint;
    }

    /**
     * Rebuilds the namespace from the newest checkpoint and the logs after it, then starts a
     * fresh checkpoint and log. An empty directory gives an empty namespace.
     */
    public Namespace recover() throws IOException {
        Files.createDirectories(dir);
        TreeMap<Long, Path> checkpoints = new TreeMap<>();
        TreeMap<Long, Path> logs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                (m.group(1).equals("log") ? logs : checkpoints).put(Long.parseLong(m.group(2)), p);
            }
        }
        Namespace ns = new Namespace();
        long from = 0;
        for (Long n : checkpoints.descendingKeySet()) {
            try {
                ns = Namespace.of(readCheckpoint(checkpoints.get(n)));
                from = n;
                break;
            } catch (IOException e) {
                String w = "checkpoint " + checkpoints.get(n).getFileName() + " is unreadable (" + e.getMessage() + "); trying an older one";
                LOG.warn(w);
                warnings.add(w);
                if (n.equals(checkpoints.firstKey())) throw new IOException("no readable checkpoint in " + dir + ": " + e.getMessage(), e);
            }
        }
        int replayed = 0;
        List<Long> toReplay = new ArrayList<>(logs.tailMap(from, true).keySet());
        for (int i = 0; i < toReplay.size(); i++) {
            replayed += replay(logs.get(toReplay.get(i)), ns, i == toReplay.size() - 1);
        }
        long last = Math.max(from, toReplay.isEmpty() ? 0 : toReplay.get(toReplay.size() - 1));
        LOG.info("journal {}: recovered the namespace from checkpoint {} and {} logged operations", dir, from, replayed);
        segment = last;
        checkpoint(ns.image());
        return ns;
    }

    private static NamespaceImage readCheckpoint(Path p) throws IOException {
        byte[] data = Files.readAllBytes(p);
        Frames.Read r = Frames.read(data, 0);
        if (!(r instanceof Frames.Record rec) || rec.next() != data.length) throw new IOException("not one intact record");
        return JSON.readValue(rec.payload(), NamespaceImage.class);
    }

    private int replay(Path p, Namespace ns, boolean lastLog) throws IOException {
        byte[] data = Files.readAllBytes(p);
        int pos = 0;
        int n = 0;
        while (true) {
            Frames.Read r = Frames.read(data, pos);
            if (r instanceof Frames.End) return n;
            if (r instanceof Frames.Record rec) {
                NamespaceOp op = JSON.readValue(rec.payload(), NamespaceOp.class);
                try {
                    ns.check(op);
                    ns.apply(op);
                } catch (RuntimeException e) {
                    throw new IOException("journal " + p + " at offset " + pos + ": operation " + op + " does not apply: " + e.getMessage(), e);
                }
                n++;
                pos = rec.next();
                continue;
            }
            String why = r instanceof Frames.Torn t ? t.why() : ((Frames.Damaged) r).why();
            if (!lastLog) throw new IOException("journal " + p + " is damaged at offset " + pos + " (" + why + ") and is not the last log; "
                    + "refusing to start with a hole in the namespace history");
            String w = "journal " + p.getFileName() + ": dropped " + (data.length - pos) + " bytes at offset " + pos + " (" + why
                    + "), left by a crash mid-write; the operation was never acknowledged";
            LOG.warn(w);
            warnings.add(w);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.truncate(pos);
                ch.force(true);
            }
            return n;
        }
    }

    /** Appends one op and forces it to disk. */
    public void append(NamespaceOp op) throws IOException {
        ByteBuffer b = Frames.frame(JSON.writeValueAsBytes(op));
        while (b.hasRemaining()) log.write(b);
        log.force(false);
        sinceCheckpoint++;
    }

    /** Writes a checkpoint of {@code image} and starts a new log after it; older files go. */
    public void checkpoint(NamespaceImage image) throws IOException {
        long next = segment + 1;
        Path tmp = dir.resolve("checkpoint.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = Frames.frame(JSON.writeValueAsBytes(image));
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Path newLog = dir.resolve(String.format("log-%016d", next));
        FileChannel ch = FileChannel.open(newLog, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.move(tmp, dir.resolve(String.format("checkpoint-%016d", next)), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            ch.close();
            throw new IOException("the journal directory " + dir + " does not support atomic rename", e);
        }
        forceDirectory();
        if (log != null) log.close();
        log = ch;
        segment = next;
        sinceCheckpoint = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(2)) < next) Files.deleteIfExists(p);
            }
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some filesystems refuse to open a directory; the rename is still atomic there
        }
    }

    /** The current log file, for tests that damage it. */
    public Path currentLog() {
        return dir.resolve(String.format("log-%016d", segment));
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
