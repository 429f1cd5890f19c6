package dev.mr.dfs.chunkserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.protocol.HeartbeatReply;
import dev.mr.dfs.protocol.HeartbeatRequest;
import dev.mr.dfs.protocol.ReplicaReport;
import dev.mr.dfs.protocol.ServerCommand;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk server's heartbeats, the master's orders and scrubbing decide what the master learns
 * and what happens to replicas on disk; here they run on a manual clock, a manual executor and a
 * fake master, so each step is seen as it happens: when work starts, that it never overlaps,
 * which orders are obeyed, and that a stopped server does nothing more.
 */
class ChunkServerDutiesTest {

    static final long HEARTBEAT_MS = 1_000;
    static final long REPORT_MS = 5_000;

    @TempDir
    Path dir;
    ChunkStore store;
    final ManualTime time = new ManualTime();
    final ManualExecutor blocking = new ManualExecutor();
    final FakeMaster master = new FakeMaster();
    final List<String> copies = new ArrayList<>();

    @BeforeEach
    void openStore() throws IOException {
        store = new ChunkStore(dir, false);
        store.open();
    }

    ChunkServerDuties duties(long scrubIntervalMs) {
        Heartbeater heartbeater = new Heartbeater(store, master, "127.0.0.1:7000", REPORT_MS);
        ChunkServerDuties.Copier copier = (id, source, length, digest) -> copies.add(id + " from " + source + " " + length + "/" + digest);
        return new ChunkServerDuties(store, heartbeater, copier, HEARTBEAT_MS, scrubIntervalMs, time, time, blocking);
    }

    @Test
    void heartbeatsGoOutAtTheirIntervalNeverTwoAtOnceStampedWithTheClock() {
        duties(0).start();
        time.advanceTo(0);
        assertEquals(1, blocking.pending(), "the first heartbeat starts at once");
        time.advanceTo(3 * HEARTBEAT_MS);
        assertEquals(1, blocking.pending(), "ticks that find a heartbeat still running start no other");
        blocking.runAll();
        assertEquals(1, master.received.size());
        assertNotNull(master.received.get(0).report(), "the first heartbeat carries a full report");

        for (long t = 4 * HEARTBEAT_MS; t <= 9 * HEARTBEAT_MS; t += HEARTBEAT_MS) {
            time.advanceTo(t - 1);
            assertEquals(0, blocking.pending(), "nothing before the interval is up, at " + (t - 1));
            time.advanceTo(t);
            assertEquals(1, blocking.pending(), "one heartbeat at " + t);
            blocking.runAll();
        }
        List<Boolean> full = master.received.stream().map(r -> r.report() != null).toList();
        // the first ran when the clock read 3000, then at 4000, ..., 9000: the next full report once 5000 ms have passed
        assertEquals(List.of(true, false, false, false, false, true, false), full);
    }

    @Test
    void aFailedHeartbeatsChangesGoWithTheNext() throws IOException {
        duties(0).start();
        time.advanceTo(0);
        blocking.runAll();
        ChunkId added = replica(1, 100);
        master.answers.add(() -> {
            throw new IOException("connection refused");
        });
        time.advanceTo(HEARTBEAT_MS);
        blocking.runAll();
        assertEquals(List.of("chunk_00000001"), ids(master.received.get(1).added()));
        time.advanceTo(2 * HEARTBEAT_MS);
        blocking.runAll();
        assertEquals(3, master.received.size(), "a failed heartbeat does not stop the next");
        assertEquals(List.of(added.toString()), ids(master.received.get(2).added()), "the next heartbeat carries what the failed one could not");
    }

    @Test
    void deleteAndCopyOrdersAreCarriedOutAndAnythingElseIgnored() throws IOException {
        ChunkId kept = replica(1, 10);
        ChunkId doomed = replica(2, 20);
        duties(0).start();
        master.answers.add(() -> new HeartbeatReply(false, List.of(
                new ServerCommand(ServerCommand.DELETE, doomed.toString(), null, 0, 0),
                new ServerCommand(ServerCommand.COPY, "chunk_00000003", "10.0.0.9:7000", 30, 77),
                new ServerCommand(ServerCommand.DELETE, "../../etc/passwd", null, 0, 0),
                new ServerCommand(ServerCommand.DELETE, null, null, 0, 0),
                new ServerCommand("format-disk", kept.toString(), null, 0, 0),
                new ServerCommand(null, kept.toString(), null, 0, 0))));
        time.advanceTo(0);
        blocking.runOne();
        assertEquals(2, blocking.pending(), "one piece of blocking work per order understood");
        blocking.runAll();
        assertNull(store.get(doomed), "the delete order was carried out");
        assertNotNull(store.get(kept), "no other replica was touched");
        assertEquals(List.of("chunk_00000003 from 10.0.0.9:7000 30/77"), copies);
        time.advanceTo(HEARTBEAT_MS);
        blocking.runAll();
        assertEquals(List.of(doomed.toString()), master.received.get(1).removed(), "the master learns of the deletion");
    }

    @Test
    void scrubbingRunsAtItsIntervalOneReplicaAtATime() throws IOException {
        ChunkId a = replica(1, 70_000);
        ChunkId b = replica(2, 70_000);
        damage(a);
        damage(b);
        long scrubMs = 500;
        ChunkServerDuties d = new ChunkServerDuties(store, new Heartbeater(store, master, "127.0.0.1:7000", REPORT_MS),
                (id, source, length, digest) -> true, 1_000_000, scrubMs, time, time, blocking);
        d.start();
        time.advanceTo(0);
        blocking.runAll(); // the first heartbeat; the next is far away
        time.advanceTo(scrubMs - 1);
        assertEquals(0, blocking.pending(), "no scrub before its interval");
        time.advanceTo(scrubMs);
        assertEquals(1, blocking.pending());
        time.advanceTo(4 * scrubMs);
        assertEquals(1, blocking.pending(), "a scrub still running: the ticks start no other");
        blocking.runAll();
        assertTrue(store.isKnownCorrupt(a));
        assertFalse(store.isKnownCorrupt(b), "one replica per scrub");
        time.advanceTo(5 * scrubMs);
        blocking.runAll();
        assertTrue(store.isKnownCorrupt(b));
    }

    @Test
    void nothingHappensAfterStop() throws IOException {
        ChunkId doomed = replica(1, 10);
        ChunkServerDuties d = duties(500);
        d.start();
        time.advanceTo(0);
        blocking.runAll();
        time.advanceTo(HEARTBEAT_MS);
        assertEquals(2, blocking.pending(), "a heartbeat and a scrub waiting for a thread");
        d.stop();
        blocking.runAll();
        assertEquals(1, master.received.size(), "work queued before the stop does not start");
        time.advanceTo(100 * HEARTBEAT_MS);
        assertEquals(0, blocking.pending(), "the timers are cancelled");
        assertFalse(store.isKnownCorrupt(doomed));
    }

    @Test
    void theOrdersOfAReplyThatArrivesAfterStopAreDropped() throws IOException {
        ChunkId doomed = replica(1, 10);
        ChunkServerDuties d = duties(0);
        master.answers.add(() -> {
            d.stop(); // the server stops while this heartbeat is on its way
            return new HeartbeatReply(false, List.of(new ServerCommand(ServerCommand.DELETE, doomed.toString(), null, 0, 0)));
        });
        d.start();
        time.advanceTo(0);
        blocking.runAll();
        assertNotNull(store.get(doomed));
        assertEquals(0, blocking.pending());
    }

    // ---------------------------------------------------------------- helpers

    ChunkId replica(long seq, int length) throws IOException {
        ChunkId id = new ChunkId(seq);
        ChunkReceiver r = new ChunkReceiver(store, id, 1 << 20);
        r.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[length])});
        r.finish();
        return id;
    }

    void damage(ChunkId id) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(store.dataFile(id).toFile(), "rw")) {
            f.seek(5);
            f.write(1);
        }
    }

    static List<String> ids(List<ReplicaReport> reports) {
        return reports.stream().map(ReplicaReport::chunk).toList();
    }

    interface Answer {
        HeartbeatReply answer() throws IOException;
    }

    /** Records every heartbeat; answers with the queued answers, then with an empty reply. */
    static final class FakeMaster implements Heartbeater.Master {
        final List<HeartbeatRequest> received = new ArrayList<>();
        final Deque<Answer> answers = new ArrayDeque<>();

        @Override
        public HeartbeatReply heartbeat(HeartbeatRequest request) throws IOException {
            received.add(request);
            Answer a = answers.poll();
            return a == null ? new HeartbeatReply(false, List.of()) : a.answer();
        }
    }

    /** A clock and periodic timers that move only when told: due tasks run in time order. */
    static final class ManualTime implements ChunkServerDuties.Timers, LongSupplier {
        private final List<Periodic> timers = new ArrayList<>();
        private long now;

        private static final class Periodic {
            final long period;
            final Runnable task;
            long next;
            boolean cancelled;

            Periodic(long next, long period, Runnable task) {
                this.next = next;
                this.period = period;
                this.task = task;
            }
        }

        @Override
        public Runnable every(long firstDelayMs, long periodMs, Runnable task) {
            Periodic p = new Periodic(now + firstDelayMs, periodMs, task);
            timers.add(p);
            return () -> p.cancelled = true;
        }

        void advanceTo(long t) {
            while (true) {
                Periodic due = timers.stream().filter(p -> !p.cancelled && p.next <= t).min(Comparator.comparingLong(p -> p.next)).orElse(null);
                if (due == null) break;
                now = due.next;
                due.next += due.period;
                due.task.run();
            }
            now = t;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }

    /** Holds work until the test runs it, on the test's thread. */
    static final class ManualExecutor implements Executor {
        private final Deque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable work) {
            queue.add(work);
        }

        int pending() {
            return queue.size();
        }

        void runOne() {
            queue.remove().run();
        }

        void runAll() {
            while (!queue.isEmpty()) runOne();
        }
    }
}
