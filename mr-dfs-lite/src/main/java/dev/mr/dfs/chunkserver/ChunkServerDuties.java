package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.protocol.HeartbeatReply;
import dev.mr.dfs.protocol.ServerCommand;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a chunk server does besides answering requests: a heartbeat to the master every
 * heartbeat interval, starting at once, carrying out the orders of each reply (delete a
 * replica, copy one here; an order it cannot read is logged and ignored); and the check of one
 * replica every scrub interval (none when it is 0). Never two heartbeats at once, nor two
 * scrubs: a tick that finds the last one still running is skipped. A failed heartbeat is
 * logged (the first of every 20 in a row) and its changes go with the next ({@link Heartbeater}).
 * After {@link #stop} nothing more starts, and the orders of a reply that arrives later are
 * dropped (the master sends them again).
 *
 * <p>Time and threads come from outside: {@code timers} fire the periodic work (Vert.x timers in
 * {@code http.ChunkServer}, a manual schedule in tests), {@code blocking} runs everything that
 * touches disk or network, and {@code clock} stamps each heartbeat. Thread-safe: timers may
 * fire on one thread while the blocking work runs on others.
 */
public final class ChunkServerDuties {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkServerDuties.class);
    /** Of this many heartbeats failing in a row, the first is logged. */
    static final int WARN_EVERY = 20;

    /** Runs work periodically. */
    public interface Timers {
        /** Runs {@code task} after {@code firstDelayMs}, then every {@code periodMs}; returns what cancels it. */
        Runnable every(long firstDelayMs, long periodMs, Runnable task);
    }

    /** Copies a chunk here from another server ({@link ChunkCopier#copy} in a chunk server). */
    public interface Copier {
        boolean copy(ChunkId id, String source, long length, int digest);
    }

    private final ChunkStore store;
    private final Heartbeater heartbeater;
    private final Copier copier;
    private final Scrubber scrubber;
    private final long heartbeatMs;
    private final long scrubIntervalMs;
    private final LongSupplier clock;
    private final Timers timers;
    private final Executor blocking;
    private final AtomicBoolean beating = new AtomicBoolean();
    private final AtomicBoolean scrubbing = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean stopped;
    /** Heartbeats failed in a row; touched only by the one heartbeat running. */
    private int failedBeats;
    private Runnable cancelBeats;
    private Runnable cancelScrubs;

    public ChunkServerDuties(ChunkStore store, Heartbeater heartbeater, Copier copier, long heartbeatMs, long scrubIntervalMs,
                             LongSupplier clock, Timers timers, Executor blocking) {
        if (heartbeatMs <= 0) throw new IllegalArgumentException("the heartbeat interval must be positive, not " + heartbeatMs);
        this.store = store;
        this.heartbeater = heartbeater;
        this.copier = copier;
        this.scrubber = new Scrubber(store);
        this.heartbeatMs = heartbeatMs;
        this.scrubIntervalMs = scrubIntervalMs;
        this.clock = clock;
        this.timers = timers;
        this.blocking = blocking;
    }

    /** Starts heartbeats (the first at once) and scrubbing (the first after one interval). Once only. */
    public synchronized void start() {
        if (started) throw new IllegalStateException("the duties of " + store.serverId() + " were started already");
        started = true;
        cancelBeats = timers.every(0, heartbeatMs, this::heartbeatDue);
        if (scrubIntervalMs > 0) cancelScrubs = timers.every(scrubIntervalMs, scrubIntervalMs, this::scrubDue);
    }

    /** Cancels the timers; work already running finishes, work not yet started does not start. */
    public synchronized void stop() {
        stopped = true;
        if (cancelBeats != null) cancelBeats.run();
        if (cancelScrubs != null) cancelScrubs.run();
        cancelBeats = cancelScrubs = null;
    }

    private void heartbeatDue() {
        if (stopped || !beating.compareAndSet(false, true)) return;
        if (!runBlocking(this::beat)) beating.set(false);
    }

    private void beat() {
        try {
            HeartbeatReply reply;
            try {
                reply = heartbeater.beat(clock.getAsLong());
            } catch (IOException | RuntimeException e) {
                if (failedBeats++ % WARN_EVERY == 0) LOG.warn("heartbeat of {} to {} failed: {}", store.serverId(), heartbeater, e.getMessage());
                return;
            }
            failedBeats = 0;
            if (!stopped) carryOut(reply);
        } finally {
            beating.set(false);
        }
    }

    private void carryOut(HeartbeatReply reply) {
        for (ServerCommand c : reply.commands()) {
            ChunkId id;
            try {
                id = ChunkId.parse(c.chunk());
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring an order about '{}': {}", c.chunk(), e.getMessage());
                continue;
            }
            if (ServerCommand.DELETE.equals(c.op())) {
                runBlocking(() -> delete(id));
            } else if (ServerCommand.COPY.equals(c.op())) {
                runBlocking(() -> copier.copy(id, c.source(), c.length(), c.digest()));
            } else {
                LOG.warn("ignoring unknown order '{}' about {}", c.op(), id);
            }
        }
    }

    private void delete(ChunkId id) {
        try {
            store.delete(id);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete {}: {}", id, e.getMessage());
        }
    }

    private void scrubDue() {
        if (stopped || !scrubbing.compareAndSet(false, true)) return;
        Runnable scrub = () -> {
            try {
                scrubber.scrubNext();
            } catch (RuntimeException e) {
                LOG.warn("scrubbing {} failed: {}", store.serverId(), e.toString());
            } finally {
                scrubbing.set(false);
            }
        };
        if (!runBlocking(scrub)) scrubbing.set(false);
    }

    /** Hands {@code work} to the blocking executor, to run unless stopped by then; false when refused. */
    private boolean runBlocking(Runnable work) {
        try {
            blocking.execute(() -> {
                if (!stopped) work.run();
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("{} not started: {}", work, e.getMessage());
            return false;
        }
    }
}
