package dev.mr.master.history;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The few ended jobs whose history was looked at last, loaded: one refresh of a job's page asks
 * for its tasks, statistics and timeline at once, and paging or sorting its task table asks
 * again, so each file is read once rather than per request. Files are read on {@code io}, only
 * when asked for (never at the master's start). At most {@value #MAX_JOBS} jobs and
 * {@value #MAX_TASKS} tasks in all are kept (the most recent one whatever its size), least
 * recently used out first. A lookup that found no detail is not kept beyond the requests
 * waiting for it, so a file put right shows on the next request; a job whose file the store
 * replaces or deletes is dropped.
 *
 * <p>Thread-safe: guarded by {@code this}; loads complete on {@code io}.
 */
public final class HistoryCache {

    static final int MAX_JOBS = 4;
    static final int MAX_TASKS = 400_000;

    private final HistoryStore store;
    private final Executor io;
    private final Map<String, CompletableFuture<HistoryLookup>> loads = new LinkedHashMap<>(8, 0.75f, true);

    public HistoryCache(HistoryStore store, Executor io) {
        this.store = store;
        this.io = io;
        store.onDropped(this::forget);
    }

    /**
     * The job's history, loaded on the I/O pool unless kept. Throws what {@code io} throws when it
     * refuses work (the master is stopping).
     */
    public CompletableFuture<HistoryLookup> get(String jobId) {
        CompletableFuture<HistoryLookup> f;
        synchronized (this) {
            f = loads.get(jobId);
            if (f != null) return f;
            f = new CompletableFuture<>();
            loads.put(jobId, f);
        }
        CompletableFuture<HistoryLookup> load = f;
        try {
            io.execute(() -> {
                HistoryLookup found;
                try {
                    found = store.read(jobId);
                } catch (RuntimeException e) {
                    found = new HistoryLookup.NotKept("the history of " + jobId + " could not be loaded: " + e);
                }
                settle(jobId, load, found);
                load.complete(found);
            });
        } catch (RuntimeException e) {
            synchronized (this) {
                loads.remove(jobId, load);
            }
            throw e;
        }
        return load;
    }

    /** Drops the job's loaded history, if kept: its file changed. */
    public synchronized void forget(String jobId) {
        loads.remove(jobId);
    }

    /** Keeps a found detail within the bounds; forgets a lookup that found none. */
    private synchronized void settle(String jobId, CompletableFuture<HistoryLookup> load, HistoryLookup found) {
        if (loads.get(jobId) != load) return; // forgotten meanwhile
        if (!(found instanceof HistoryLookup.Kept)) {
            loads.remove(jobId);
            return;
        }
        long tasks = 0;
        for (CompletableFuture<HistoryLookup> f : loads.values()) tasks += size(f);
        tasks += ((HistoryLookup.Kept) found).detail().size();
        Iterator<Map.Entry<String, CompletableFuture<HistoryLookup>>> eldest = loads.entrySet().iterator();
        while ((loads.size() > MAX_JOBS || tasks > MAX_TASKS) && eldest.hasNext()) {
            Map.Entry<String, CompletableFuture<HistoryLookup>> e = eldest.next();
            if (e.getKey().equals(jobId) || !e.getValue().isDone()) continue; // the newest stays; loads in flight are not weighed yet
            tasks -= size(e.getValue());
            eldest.remove();
        }
    }

    private static int size(CompletableFuture<HistoryLookup> f) {
        return f.isDone() && f.getNow(null) instanceof HistoryLookup.Kept k ? k.detail().size() : 0;
    }
}
