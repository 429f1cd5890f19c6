package dev.mr.master.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One refresh of a job page asks for a job's tasks, statistics and timeline at once: the cache
 * reads its file once for all three, on the I/O pool (here a queue the test runs by hand), and
 * keeps a few loaded jobs; a job whose file changes is read again, and a lookup that found no
 * file is not remembered, so a file put back shows at the next request.
 */
class HistoryCacheTest {

    @TempDir
    Path tmp;

    final ArrayDeque<Runnable> io = new ArrayDeque<>();

    void runIo() {
        while (!io.isEmpty()) io.poll().run();
    }

    @Test
    void requestsOfOneRefreshShareOneReadAndLaterOnesTheLoadedDetail() {
        HistoryStore store = HistoryStore.open(tmp, new Retention(100, 1 << 30), 99);
        store.write(Histories.job("job_0001", 1_000, 3));
        HistoryCache cache = new HistoryCache(store, io::add);

        CompletableFuture<HistoryLookup> tasks = cache.get("job_0001");
        CompletableFuture<HistoryLookup> stats = cache.get("job_0001");
        assertSame(tasks, stats);
        assertEquals(1, io.size(), "one read");
        assertFalse(tasks.isDone(), "read on the I/O pool, not by the caller");
        runIo();
        assertInstanceOf(HistoryLookup.Kept.class, tasks.join());
        assertSame(tasks, cache.get("job_0001"), "kept");
        assertEquals(0, io.size());

        store.write(Histories.job("job_0001", 1_000, 4)); // rewritten (the job ran again after a restart)
        CompletableFuture<HistoryLookup> again = cache.get("job_0001");
        assertNotSame(tasks, again);
        runIo();
        assertEquals(5, ((HistoryLookup.Kept) again.join()).detail().size());
    }

    @Test
    void atMostAFewJobsAreKeptTheLeastRecentlyUsedGoingFirst() {
        HistoryStore store = HistoryStore.open(tmp, new Retention(100, 1 << 30), 99);
        for (int i = 1; i <= HistoryCache.MAX_JOBS + 1; i++) store.write(Histories.job("job_000" + i, i, 1));
        HistoryCache cache = new HistoryCache(store, io::add);
        CompletableFuture<HistoryLookup> first = cache.get("job_0001");
        runIo();
        for (int i = 2; i <= HistoryCache.MAX_JOBS + 1; i++) {
            cache.get("job_000" + i);
            runIo();
        }
        assertNotSame(first, cache.get("job_0001"), "the first was dropped for the fifth");
        assertEquals(1, io.size());
    }

    @Test
    void aLookupThatFoundNoFileIsNotRemembered() throws Exception {
        HistoryStore store = HistoryStore.open(tmp, new Retention(100, 1 << 30), 99);
        store.write(Histories.job("job_0001", 1_000, 1));
        Path file = tmp.resolve("job_0001.json.gz");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, new byte[] {1, 2, 3});
        HistoryCache cache = new HistoryCache(store, io::add);
        CompletableFuture<HistoryLookup> damaged = cache.get("job_0001");
        runIo();
        assertInstanceOf(HistoryLookup.NotKept.class, damaged.join());

        Files.write(file, whole); // put right by an operator
        CompletableFuture<HistoryLookup> again = cache.get("job_0001");
        runIo();
        assertInstanceOf(HistoryLookup.Kept.class, again.join());
    }
}
