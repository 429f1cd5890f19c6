package dev.mr.worker.fetch;

import dev.mr.security.ClusterSecretExtension;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.protocol.MapOutputEntry;
import dev.mr.shuffle.FileSegment;
import dev.mr.shuffle.MapOutputIndex;
import dev.mr.shuffle.MemorySegment;
import dev.mr.shuffle.ReduceMerger;
import dev.mr.shuffle.ShuffleCodec;
import dev.mr.shuffle.ShuffleSettings;
import dev.mr.worker.TestMapOutputs;
import dev.mr.worker.http.WorkerHttpServer;
import dev.mr.api.spi.Backoff;
import dev.mr.dfs.http.VertxFutures;
import dev.mr.worker.policy.FetchRetryPolicy;
import dev.mr.worker.shuffle.MapOutputRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher is the reduce side of every distributed job: what it hands the merger must be
 * exactly what the local runner's reducers read from the same map outputs, a damaged or
 * unreachable map output must be retried, reported and replaced, never used, and a kill must
 * stop it. Real shuffle servers on loopback serve real map outputs.
 */
class ShuffleFetcherTest {

    static final String JOB = "job_0001";
    static final String TOKEN = ClusterSecretExtension.shuffleToken(JOB);
    static final int MAPS = 4;
    static final int PARTITIONS = 3;
    static final FetchRetryPolicy FAST = new FetchRetryPolicy(new Backoff(20, 100), 2);

    static Vertx vertx;

    @TempDir
    Path dir;

    final MapOutputRegistry onA = new MapOutputRegistry();
    final MapOutputRegistry onB = new MapOutputRegistry();
    final List<MapOutputRegistry.Held> outputs = new ArrayList<>();
    final List<String> reports = new CopyOnWriteArrayList<>();
    final ExecutorService pool = Executors.newCachedThreadPool();
    final SegmentClient client = new SegmentClient(Duration.ofSeconds(5));
    WorkerHttpServer a;
    WorkerHttpServer b;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws IOException {
        VertxFutures.await(vertx.close());
    }

    @BeforeEach
    void start() throws IOException {
        for (int m = 0; m < MAPS; m++) {
            MapOutputRegistry.Held h = TestMapOutputs.write(dir.resolve(m < 2 ? "a" : "b"), map(m, 0), PARTITIONS, 800 + 300 * m, m, codec());
            outputs.add(h);
            (m < 2 ? onA : onB).add(h);
        }
        a = WorkerHttpServer.start(vertx, onA, null, "127.0.0.1", 0, ClusterSecretExtension.security());
        b = WorkerHttpServer.start(vertx, onB, null, "127.0.0.1", 0, ClusterSecretExtension.security());
    }

    @AfterEach
    void stop() throws IOException {
        pool.shutdownNow();
        a.close();
        b.close();
    }

    static AttemptId map(int m, int attempt) {
        return TaskId.map(JOB, m).attempt(attempt);
    }

    String address(WorkerHttpServer s) {
        return "http://127.0.0.1:" + s.port();
    }

    MapOutputEntry entry(int index, AttemptId m, String address) {
        return new MapOutputEntry(index, m.toString(), address, false);
    }

    /** The master's log as it stands with every map's first attempt done: maps 0 and 1 on A, 2 and 3 on B. */
    List<MapOutputEntry> log() {
        List<MapOutputEntry> log = new ArrayList<>();
        for (int m = 0; m < MAPS; m++) log.add(entry(m, map(m, 0), address(m < 2 ? a : b)));
        return log;
    }

    ShuffleFetcher fetcher(int partition, AtomicReference<ShuffleFetcher> self, Runnable onFirstReport) {
        return fetcher(partition, self, onFirstReport, client);
    }

    ShuffleFetcher fetcher(int partition, AtomicReference<ShuffleFetcher> self, Runnable onFirstReport, SegmentClient client) {
        FetchFailureReporter reporter = (reduce, mapAttempt, error) -> {
            reports.add(mapAttempt + ": " + error);
            if (reports.size() == 1 && onFirstReport != null) onFirstReport.run();
        };
        ShuffleFetcher f = new ShuffleFetcher(TaskId.reduce(JOB, partition).attempt(0), MAPS, FAST, client, reporter, pool,
                System::currentTimeMillis);
        if (self != null) self.set(f);
        return f;
    }

    /** How the map outputs are stored: the subclasses run every test again with each compressing codec. */
    ShuffleCodec codec() {
        return ShuffleCodec.NONE;
    }

    ShuffleSettings settings(int p, long memory) {
        return TestMapOutputs.mergeSettings(PARTITIONS, memory, dir.resolve("merge-" + p + "-" + memory)).withCodec(codec());
    }

    List<String> fetchAndMerge(ShuffleFetcher f, int p, long memory) throws Exception {
        return fetchAndMerge(f, p, memory, () -> { });
    }

    /** {@code taken}: runs on the fetching thread after each segment the merger took. */
    List<String> fetchAndMerge(ShuffleFetcher f, int p, long memory, Runnable taken) throws Exception {
        f.prepare(2, memory, dir.resolve("fetched-" + p + "-" + memory));
        try (ReduceMerger merger = new ReduceMerger(settings(p, memory))) {
            f.fetch(p, (segment, fetchedBytes) -> {
                merger.add(segment);
                taken.run();
            });
            return TestMapOutputs.drain(merger.finish());
        } finally {
            f.close();
        }
    }

    @Test
    void mergedOutputEqualsTheLocalRunnersInMemoryAndOnDisk() throws Exception {
        for (long memory : new long[] {1 << 20, 2048}) { // everything in memory; almost everything in temporary files
            for (int p = 0; p < PARTITIONS; p++) {
                List<String> expected = TestMapOutputs.mergeLocally(outputs, p, settings(p, memory));
                ShuffleFetcher f = fetcher(p, null, null);
                List<MapOutputEntry> log = log();
                f.offer(log.subList(0, 2), TOKEN);
                CountDownLatch firstTwo = new CountDownLatch(2);
                pool.submit(() -> { // the rest arrives with a later heartbeat, once the fetch took the first two and waits for more
                    if (firstTwo.await(30, TimeUnit.SECONDS)) f.offer(log, TOKEN);
                    else f.close(); // fails the test rather than hang it
                    return null;
                });
                List<String> got = fetchAndMerge(f, p, memory, firstTwo::countDown);
                assertSameMerge(expected, got, "partition " + p + " with " + memory + " bytes of reduce memory");
                assertEquals(p == PARTITIONS - 1, got.isEmpty(), "the fixture leaves only the last partition empty");
                long records = 0;
                for (MapOutputRegistry.Held h : outputs) records += h.index().records(p);
                assertEquals(records, f.records());
                assertEquals(MAPS, f.known());
                assertEquals(1.0, f.fetchedFraction());
            }
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void aSegmentIsKeptInMemoryOnlyWhenItsRawBytesFitAndCountsThemThere() throws Exception {
        MapOutputRegistry.Held h = outputs.get(3);
        int p = 0;
        long stored = h.index().length(p);
        long raw = h.index().rawLength(p);
        if (codec().compresses()) assertTrue(stored < raw - 1, "the fixture's segment compresses: " + stored + " of " + raw);
        ShuffleMemory tooSmall = new ShuffleMemory(raw - 1, raw - 1); // room for the stored bytes, not for the records
        FetchedSegment onDisk = client.fetch(address(b), h.attempt(), p, tooSmall, dir.resolve("t"), TOKEN);
        assertTrue(onDisk.segment() instanceof FileSegment f && f.codec() == codec() && f.length() == stored && f.rawLength() == raw,
                onDisk.toString());
        assertEquals(0, tooSmall.used());
        ShuffleMemory enough = new ShuffleMemory(raw, raw);
        FetchedSegment inMemory = client.fetch(address(b), h.attempt(), p, enough, dir.resolve("t"), TOKEN);
        assertTrue(inMemory.segment() instanceof MemorySegment m && m.length() == raw, inMemory.toString());
        assertEquals(raw, enough.used(), "memory holds the records uncompressed, and counts them so");
        assertEquals(stored, inMemory.length(), "what was fetched is the stored bytes");
        byte[] plain = Files.readAllBytes(TestMapOutputs.write(dir.resolve("plain"), h.attempt(), PARTITIONS, 800 + 300 * 3, 3).data());
        MemorySegment m = (MemorySegment) inMemory.segment();
        assertArrayEquals(Arrays.copyOfRange(plain, 0, (int) raw), Arrays.copyOfRange(m.bytes(), m.offset(), m.offset() + m.length()),
                "the records are those of the same map output uncompressed");
    }

    @Test
    void aCorruptedSegmentIsRetriedReportedAndNeverUsed() throws Exception {
        int p = 0;
        List<String> expected = TestMapOutputs.mergeLocally(outputs, p, settings(p, 1 << 20));
        MapOutputRegistry.Held victim = outputs.get(1);
        onB.add(copyAs(victim, map(1, 1), dir.resolve("b2"))); // the re-run of map 1, before the damage
        long at = victim.index().offset(p) + victim.index().length(p) / 2;
        flipByte(victim.data(), at); // A now serves partition 0 of map 1 with a bad byte under the index's CRC

        AtomicReference<ShuffleFetcher> self = new AtomicReference<>();
        ShuffleFetcher f = fetcher(p, self, () -> self.get().offer(List.of(
                new MapOutputEntry(4, map(1, 0).toString(), address(a), true), entry(5, map(1, 1), address(b))), TOKEN));
        f.offer(log(), TOKEN);
        assertSameMerge(expected, fetchAndMerge(f, p, 1 << 20), "partition " + p);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).startsWith(map(1, 0) + ": ") && reports.get(0).contains("checksum mismatch"), reports.get(0));
    }

    @Test
    void outputsThisWorkerHoldsAreReadFromItsDiskNotFetched() throws Exception {
        SegmentClient onWorkerA = new SegmentClient(Duration.ofSeconds(5), onA);
        int p = 0;
        for (long memory : new long[] {1 << 20, 2048}) { // into memory; into temporary files
            List<String> expected = TestMapOutputs.mergeLocally(outputs, p, settings(p, memory));
            List<MapOutputEntry> log = new ArrayList<>(log());
            // A's outputs under an address where nothing listens: only a read from A's disk can deliver them
            log.set(0, entry(0, map(0, 0), "http://127.0.0.1:1"));
            log.set(1, entry(1, map(1, 0), "http://127.0.0.1:1"));
            ShuffleFetcher f = fetcher(p, null, null, onWorkerA);
            f.offer(log, TOKEN);
            assertSameMerge(expected, fetchAndMerge(f, p, memory), "partition " + p + " with " + memory + " bytes of reduce memory");
        }
        assertEquals(4, onWorkerA.localReads(), "maps 0 and 1, twice");
        assertEquals(List.of(), reports);
    }

    @Test
    void aCorruptedLocalOutputIsReportedAndReplacedLikeAFetchedOne() throws Exception {
        SegmentClient onWorkerA = new SegmentClient(Duration.ofSeconds(5), onA);
        int p = 0;
        List<String> expected = TestMapOutputs.mergeLocally(outputs, p, settings(p, 1 << 20));
        MapOutputRegistry.Held victim = outputs.get(1);
        onB.add(copyAs(victim, map(1, 1), dir.resolve("b2")));
        flipByte(victim.data(), victim.index().offset(p) + victim.index().length(p) / 2);

        AtomicReference<ShuffleFetcher> self = new AtomicReference<>();
        ShuffleFetcher f = fetcher(p, self, () -> self.get().offer(List.of(
                new MapOutputEntry(4, map(1, 0).toString(), address(a), true), entry(5, map(1, 1), address(b))), TOKEN), onWorkerA);
        f.offer(log(), TOKEN);
        assertSameMerge(expected, fetchAndMerge(f, p, 1 << 20), "partition " + p);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).startsWith(map(1, 0) + ": ") && reports.get(0).contains("checksum mismatch")
                && reports.get(0).contains("this worker's disk"), reports.get(0));
    }

    @Test
    void aServerThatIsDownIsRetriedReportedThenReplaced() throws Exception {
        int p = 1;
        List<String> expected = TestMapOutputs.mergeLocally(outputs, p, settings(p, 1 << 20));
        WorkerHttpServer gone = WorkerHttpServer.start(vertx, new MapOutputRegistry(), null, "127.0.0.1", 0, ClusterSecretExtension.security());
        String dead = address(gone);
        gone.close();
        MapOutputRegistry.Held three = outputs.get(3);
        onB.add(new MapOutputRegistry.Held(map(3, 1), three.data(), three.dir(), three.index()));

        AtomicReference<ShuffleFetcher> self = new AtomicReference<>();
        ShuffleFetcher f = fetcher(p, self, () -> self.get().offer(List.of(entry(4, map(3, 1), address(b))), TOKEN));
        List<MapOutputEntry> log = new ArrayList<>(log());
        log.set(3, entry(3, map(3, 0), dead)); // map 3's first attempt ran on a worker that has since gone
        f.offer(log, TOKEN);
        assertSameMerge(expected, fetchAndMerge(f, p, 1 << 20), "partition " + p);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).startsWith(map(3, 0) + ": "), reports.get(0));
    }

    @Test
    void anOutputWithdrawnBeforeItWasFetchedIsSkipped() throws Exception {
        int p = 0;
        List<String> expected = TestMapOutputs.mergeLocally(outputs, p, settings(p, 1 << 20));
        onA.add(copyAs(outputs.get(0), map(0, 1), dir.resolve("a2")));
        List<MapOutputEntry> log = new ArrayList<>(log());
        log.set(0, entry(0, map(0, 0), "http://127.0.0.1:1")); // nothing listens there
        log.add(new MapOutputEntry(4, map(0, 0).toString(), "http://127.0.0.1:1", true));
        log.add(entry(5, map(0, 1), address(a)));
        ShuffleFetcher f = fetcher(p, null, null);
        f.offer(log, TOKEN);
        assertSameMerge(expected, fetchAndMerge(f, p, 1 << 20), "partition " + p);
        assertEquals(List.of(), reports, "the withdrawn output was never tried");
        assertEquals(6, f.known());
    }

    @Test
    void closingStopsAFetchThatWaitsForAReplacement() throws Exception {
        CountDownLatch waiting = new CountDownLatch(4); // the three good outputs taken, and the dead one given up on and reported
        ShuffleFetcher f = fetcher(0, null, waiting::countDown);
        List<MapOutputEntry> log = new ArrayList<>(log());
        log.set(2, entry(2, map(2, 0), "http://127.0.0.1:1"));
        f.offer(log, TOKEN);
        AtomicBoolean closedWhileWaiting = new AtomicBoolean();
        pool.submit(() -> {
            closedWhileWaiting.set(waiting.await(30, TimeUnit.SECONDS));
            f.close();
            return null;
        });
        assertThrows(InterruptedException.class, () -> fetchAndMerge(f, 0, 1 << 20, waiting::countDown));
        assertTrue(closedWhileWaiting.get(), "closed once it had nothing left to do but wait for a replacement");
        assertTrue(reports.size() >= 1, "it had reported the failures before it was stopped");
    }

    /**
     * The same records with the keys in the same order. Values of one key come in the order their
     * segments reached the merger, which for fetched segments is the order they arrived (as in
     * Hadoop, reducers get no order of values unless a secondary sort gives one).
     */
    static void assertSameMerge(List<String> expected, List<String> got, String what) {
        assertEquals(keys(expected), keys(got), what + ": keys");
        List<String> e = new ArrayList<>(expected);
        List<String> g = new ArrayList<>(got);
        Collections.sort(e);
        Collections.sort(g);
        assertEquals(e, g, what + ": records");
    }

    static List<String> keys(List<String> records) {
        return records.stream().map(r -> r.substring(0, r.indexOf('='))).toList();
    }

    static MapOutputRegistry.Held copyAs(MapOutputRegistry.Held h, AttemptId id, Path base) throws IOException {
        Path d = Files.createDirectories(base.resolve(id.toString()));
        Path data = Files.copy(h.data(), d.resolve("file.out"));
        Path index = Files.copy(h.data().resolveSibling("file.out.index"), d.resolve("file.out.index"));
        return new MapOutputRegistry.Held(id, data, d, MapOutputIndex.read(index));
    }

    static void flipByte(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x20));
            b.rewind();
            ch.write(b, at);
        }
    }
}
