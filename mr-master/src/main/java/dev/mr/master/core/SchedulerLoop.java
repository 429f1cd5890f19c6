package dev.mr.master.core;

import dev.mr.master.scheduler.Effect;
import dev.mr.master.scheduler.Event;
import dev.mr.master.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's scheduler thread: the one thread that owns the pure {@link Scheduler} and the
 * {@link JobTable}. Every scheduler call, every read of its snapshots and every change to the
 * table runs on it, one at a time, in the order submitted; other threads hand work over with
 * {@link #call} or {@link #post} and never block this one. Events get their time from the
 * clock when they run here, so they reach the scheduler in time order. A {@code Ticked} event
 * runs every tick.
 *
 * <p>The thread and the clock are given: in the daemon, {@link #newThread()} (a plain Java
 * thread, {@code mr-scheduler}) and the wall clock; in tests, a manual executor and clock, which
 * run the same code one step at a time. The executor must run one task at a time, in order.
 *
 * <p>{@link #feed} runs an event and passes every effect that is not an answer to a worker to
 * the effect sink (which starts I/O elsewhere and reports back with {@link #post}).
 */
final class SchedulerLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLoop.class);

    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final ScheduledExecutorService thread;
    /** The thread running one of this loop's tasks right now, else null. */
    private volatile Thread owner;
    private Consumer<Effect> sink = e -> {};

    /**
     * @param clock  epoch milliseconds, read on the scheduler thread for every event
     * @param thread runs the loop's work and ticks, one task at a time; the loop shuts it down on {@link #close}
     */
    SchedulerLoop(Scheduler scheduler, LongSupplier clock, ScheduledExecutorService thread) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.thread = thread;
    }

    /**
     * The daemon's scheduler thread: one plain daemon thread named {@code mr-scheduler}. Timers
     * still pending when it stops are dropped, so that closing waits for no request's wait.
     */
    static ScheduledExecutorService newThread() {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mr-scheduler");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return thread;
    }

    /** Where effects other than worker answers go; set once, before anything is fed. */
    void effectsTo(Consumer<Effect> sink) {
        this.sink = sink;
    }

    void startTicking(long tickMs) {
        thread.scheduleAtFixedRate(owned(() -> {
            try {
                List<Effect.ToWorker> stray = feed(Event.Ticked::new);
                if (!stray.isEmpty()) LOG.warn("a tick produced worker answers with no request to carry them: {}", stray);
            } catch (RuntimeException e) {
                LOG.error("tick failed", e);
            }
        }), tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code work} on the scheduler thread once {@code delayMs} have passed on its executor's
     * timer. When the loop has stopped, runs it now instead; a timer still pending when the loop
     * stops never runs. Scheduler thread only.
     */
    void after(long delayMs, Runnable work) {
        checkThread();
        try {
            thread.schedule(owned(work), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    /** Runs {@code work} on the scheduler thread; the future completes with its result or exception. */
    <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(owned(() -> {
                try {
                    f.complete(work.get());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            }));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(Refusal.unavailable("the master is stopping; retry against its next run"));
        }
        return f;
    }

    /** Runs {@code work} on the scheduler thread, logging a failure. */
    void post(Runnable work) {
        call(() -> {
            work.run();
            return null;
        }).exceptionally(t -> {
            if (!(t instanceof Refusal)) LOG.error("scheduler thread task failed", t);
            return null;
        });
    }

    /** Scheduler thread only: the scheduler, for its queries. */
    Scheduler scheduler() {
        checkThread();
        return scheduler;
    }

    /** Scheduler thread only: runs one event made with the current time; returns the answers to the requesting worker. */
    List<Effect.ToWorker> feed(LongFunction<Event> event) {
        checkThread();
        return feed(event.apply(clock.getAsLong()));
    }

    /** Scheduler thread only: runs one event, made with {@link #now} on this thread; returns the answers to the requesting worker. */
    List<Effect.ToWorker> feed(Event event) {
        checkThread();
        List<Effect> effects = scheduler.on(event);
        List<Effect.ToWorker> answers = new ArrayList<>();
        for (Effect e : effects) {
            if (e instanceof Effect.ToWorker w) answers.add(w);
            else sink.accept(e);
        }
        return answers;
    }

    long now() {
        return clock.getAsLong();
    }

    /** {@code work}, marked as the loop's while it runs, so that {@link #checkThread} lets it through. */
    private Runnable owned(Runnable work) {
        return () -> {
            Thread outer = owner;
            owner = Thread.currentThread();
            try {
                work.run();
            } finally {
                owner = outer;
            }
        };
    }

    private void checkThread() {
        if (Thread.currentThread() != owner) throw new IllegalStateException("scheduler called off its thread: " + Thread.currentThread());
    }

    /** Stops ticking and running work; work already queued is dropped after a short wait for the running one. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
