package dev.mr.dfs.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mr.dfs.StoreException;
import dev.mr.dfs.namespace.ChunkMeta;
import dev.mr.dfs.namespace.FileNode;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceOp;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal's worth is what a restart gives back after a crash or a bad disk, so this damages a
 * real journal (a multi-frame checkpoint and a log of many operations) every way the issue
 * names: cut at every byte of the last two records, random bytes flipped anywhere in the last
 * log, zeros appended. Each recovery must hold exactly the acknowledged operations before the
 * damage (compared with a namespace built independently from the same operations), dropping only
 * a torn tail, or refuse with an IOException naming the file and offset; never another exception,
 * never a loss followed by later operations. Seeded; the seed is printed on failure and
 * {@code -Dmr.journal.fuzz.seed=N} repeats a run.
 */
class JournalFuzzTest {

    static final int OPS_BEFORE_CHECKPOINT = 150;
    static final int OPS_AFTER_CHECKPOINT = 150;
    static final int FLIP_CASES = 250;

    @TempDir
    Path tmp;

    final FailStop neverCalled = (reason, cause) -> fail("the journal stopped though no write failed: " + reason);

    /** The pristine journal and what was acknowledged into it. */
    record Built(Path dir, Path lastLog, List<NamespaceOp> ops, int opsBeforeLastLog, List<Long> recordEnds) {
        long recordStart(int i) {
            return i == 0 ? 0 : recordEnds.get(i - 1);
        }
    }

    @Test
    void everyRecoveryHoldsTheAcknowledgedPrefixOrRefuses() throws Exception {
        long seed = Long.getLong("mr.journal.fuzz.seed", System.nanoTime());
        try {
            run(new Random(seed));
        } catch (Throwable t) {
            throw new AssertionError("journal fuzz failed with seed " + seed + " (repeat: -Dmr.journal.fuzz.seed=" + seed + "): " + t, t);
        }
    }

    int refused;
    int recovered;
    int dropped;

    void run(Random r) throws IOException {
        Built b = build(r);
        int records = b.recordEnds().size();
        long logSize = Files.size(b.lastLog());
        int cases = 0;
        // cut at every byte offset of the last two records, both ends included
        for (long cut = b.recordStart(records - 2); cut <= logSize; cut++) {
            final long at = cut;
            int kept = (int) b.recordEnds().stream().filter(end -> end <= at).count();
            boolean boundary = at == b.recordStart(kept);
            expectRecovered(b, kept, !boundary, "cut at " + at, copy(b, cases++, log -> truncate(log, at)));
        }
        // flip random bytes at random offsets anywhere in the last log; every other case within
        // its last two records, where damage may be a torn tail
        for (int c = 0; c < FLIP_CASES; c++) {
            TreeSet<Integer> damaged = new TreeSet<>();
            List<long[]> flips = new ArrayList<>();
            long from = c % 2 == 0 ? 0 : b.recordStart(records - 2);
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                long at = from + (long) (r.nextDouble() * (logSize - from));
                flips.add(new long[] {at, 1 + r.nextInt(255)});
                damaged.add(recordAt(b, at));
            }
            int first = damaged.first();
            boolean validAfter = false;
            for (int i = first + 1; i < records; i++) validAfter |= !damaged.contains(i);
            Path d = copy(b, cases++, log -> flip(log, flips));
            String what = "flips " + flips.stream().map(f -> f[0] + "^" + f[1]).toList() + " (records " + damaged + ")";
            if (validAfter) expectRefused(b, d, b.recordStart(first), what);
            else expectRecovered(b, first, true, what, d);
        }
        // zeros appended, as a crash can leave a preallocated or extended file
        for (int zeros : new int[] {8, 100, 4096}) {
            expectRecovered(b, records, true, zeros + " zeros appended", copy(b, cases++, log -> Files.write(log, new byte[zeros], StandardOpenOption.APPEND)));
        }
        System.out.printf("journal fuzz: %d cases on a log of %d records: %d refused, %d recovered (%d dropping a torn tail)%n",
                cases, records, refused, recovered, dropped);
        assertTrue(refused > 0 && dropped > 0, "both outcomes were exercised");
    }

    Built build(Random r) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pristine"));
        List<NamespaceOp> ops = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long[] time = {1_000};
        // small checkpoint frames: the checkpoint in the middle is many frames
        try (Journal j = new Journal(dir, neverCalled, FrameLog.FILES, 300)) {
            Namespace ns = j.recover();
            while (ops.size() < OPS_BEFORE_CHECKPOINT) ops.add(appendRandom(j, ns, r, time));
            j.checkpoint(ns);
            int before = ops.size();
            while (ops.size() < before + OPS_AFTER_CHECKPOINT) {
                ops.add(appendRandom(j, ns, r, time));
                ends.add(Files.size(j.currentLog()));
            }
            return new Built(dir, j.currentLog(), ops, before, ends);
        }
    }

    /** One random operation that applies to {@code ns}, journaled (acknowledged) and applied. */
    static NamespaceOp appendRandom(Journal j, Namespace ns, Random r, long[] time) throws IOException {
        while (true) {
            NamespaceOp op = randomOp(ns, r, time[0]++);
            if (op == null) continue;
            try {
                ns.check(op);
            } catch (StoreException e) {
                continue;
            }
            j.append(op);
            ns.apply(op);
            return op;
        }
    }

    static NamespaceOp randomOp(Namespace ns, Random r, long time) {
        List<FileNode> open = ns.files().stream().filter(f -> !f.closed()).toList();
        List<FileNode> closed = ns.files().stream().filter(FileNode::closed).toList();
        FileNode w = open.isEmpty() ? null : open.get(r.nextInt(open.size()));
        FileNode c = closed.isEmpty() ? null : closed.get(r.nextInt(closed.size()));
        ChunkMeta last = w == null || w.chunks().isEmpty() ? null : w.chunks().get(w.chunks().size() - 1);
        return switch (r.nextInt(9)) {
            case 0 -> new NamespaceOp.Mkdirs("/d" + r.nextInt(4) + (r.nextBoolean() ? "/e" + r.nextInt(3) : ""), time);
            case 1, 2 -> new NamespaceOp.Create("/d" + r.nextInt(4) + "/f" + r.nextInt(30), ns.nextInode(), 1 + r.nextInt(3), 100,
                    "writer-" + r.nextInt(3), time);
            case 3 -> w == null ? null : new NamespaceOp.AddChunk(w.inode(), ns.nextChunk().seq());
            case 4 -> w == null || last == null ? null
                    : new NamespaceOp.CommitChunk(w.inode(), last.id().seq(), r.nextInt(4) == 0 ? 1 + r.nextInt(99) : 100, r.nextInt());
            case 5 -> w == null ? null : new NamespaceOp.Close(w.inode(), w.chunks().stream().mapToLong(ChunkMeta::length).sum(), time);
            case 6 -> c == null ? null : new NamespaceOp.Rename(c.path(), "/d" + r.nextInt(4) + "/g" + r.nextInt(30), time);
            case 7 -> c == null ? null : new NamespaceOp.Delete(r.nextInt(5) == 0 ? "/d" + r.nextInt(4) : c.path(), time);
            default -> w == null ? null : new NamespaceOp.Abandon(w.inode(), "fuzz");
        };
    }

    /** The namespace of the first {@code n} ops, built without the journal. */
    static Namespace expected(List<NamespaceOp> ops, int n) {
        Namespace ns = new Namespace();
        for (NamespaceOp op : ops.subList(0, n)) {
            ns.check(op);
            ns.apply(op);
        }
        return ns;
    }

    void expectRecovered(Built b, int keptInLastLog, boolean expectDrop, String what, Path d) {
        int n = b.opsBeforeLastLog() + keptInLastLog;
        Journal j = new Journal(d, neverCalled);
        try {
            Namespace got = j.recover();
            assertEquals(expected(b.ops(), n).image(), got.image(), what + ": the first " + n + " operations, exactly");
            assertEquals(expectDrop ? 1 : 0, j.warnings().size(), what + ": a warning exactly when bytes were dropped: " + j.warnings());
            if (expectDrop) {
                String w = j.warnings().get(0);
                assertTrue(w.contains(b.lastLog().getFileName().toString()) && w.contains("dropped"), what + ": " + w);
                dropped++;
            }
            recovered++;
            // the journal goes on after a dropped tail, and what it appends reads back
            NamespaceOp more = new NamespaceOp.Mkdirs("/after-recovery", 99_999_999);
            j.append(more);
            j.close();
            Namespace again = new Journal(d, neverCalled).recover();
            Namespace want = expected(b.ops(), n);
            want.apply(more);
            assertEquals(want.image(), again.image(), what + ": an append after recovery reads back");
        } catch (IOException e) {
            throw new AssertionError(what + ": expected the first " + n + " operations back, got a refusal: " + e.getMessage(), e);
        }
    }

    void expectRefused(Built b, Path d, long damageAt, String what) {
        try {
            new Journal(d, neverCalled).recover();
            fail(what + ": damage with valid records after it must refuse the start");
        } catch (IOException e) {
            refused++;
            String m = e.getMessage();
            assertTrue(m.contains(d.resolve(b.lastLog().getFileName()).toString()), what + ": names the file: " + m);
            assertTrue(m.contains("offset " + damageAt), what + ": names offset " + damageAt + ": " + m);
            assertTrue(m.contains("truncate -s " + damageAt), what + ": says what to do: " + m);
        }
    }

    static int recordAt(Built b, long offset) {
        for (int i = 0; i < b.recordEnds().size(); i++) if (offset < b.recordEnds().get(i)) return i;
        throw new IllegalArgumentException("offset " + offset + " past the log");
    }

    interface Damage {
        void apply(Path log) throws IOException;
    }

    Path copy(Built b, int n, Damage damage) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("case-" + n));
        try (Stream<Path> files = Files.list(b.dir())) {
            for (Path p : (Iterable<Path>) files::iterator) Files.copy(p, d.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        damage.apply(d.resolve(b.lastLog().getFileName()));
        return d;
    }

    static void truncate(Path log, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(at);
        }
    }

    static void flip(Path log, List<long[]> flips) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        for (long[] f : flips) bytes[(int) f[0]] ^= (byte) f[1];
        Files.write(log, bytes);
    }
}
