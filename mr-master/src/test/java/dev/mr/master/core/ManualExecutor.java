package dev.mr.master.core;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An executor that runs nothing by itself: tasks wait in a queue, ordered by the time on a
 * {@link ManualClock} they are due and then by arrival, until the test calls {@link #runDue},
 * which runs them on the test's own thread, one at a time. Stands in for the master's scheduler
 * thread and its I/O pool so that a test decides exactly what has run when it looks.
 *
 * <p>Periodic tasks come back due one period later (at a fixed rate) or one delay after they ran.
 * After {@link #shutdown} new tasks are refused and periodic and delayed ones are dropped, as
 * the master's scheduler thread does; tasks already due still run when the test runs them.
 * Thread-safe: any thread may queue; the test runs.
 */
final class ManualExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final ManualClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(); // guarded by this
    private long arrivals; // guarded by this
    private boolean shutdown; // guarded by this

    ManualExecutor(ManualClock clock) {
        this.clock = clock;
    }

    /** Runs every task due by now, in order, and those they queue that are due too; returns how many ran. */
    int runDue() {
        int ran = 0;
        for (Task<?> t; (t = nextDue()) != null; ran++) t.run();
        return ran;
    }

    /** When the next queued task is due, or {@link Long#MAX_VALUE} when none is queued. */
    synchronized long nextDueTime() {
        Task<?> t = queue.peek();
        return t == null ? Long.MAX_VALUE : t.due;
    }

    /** How many tasks are due by now and have not run. */
    synchronized int due() {
        long now = clock.getAsLong();
        int n = 0;
        for (Task<?> t : queue) if (t.due <= now) n++;
        return n;
    }

    private synchronized Task<?> nextDue() {
        Task<?> t = queue.peek();
        if (t == null || t.due > clock.getAsLong()) return null;
        return queue.poll();
    }

    private synchronized <V> Task<V> queue(Task<V> t) {
        if (shutdown) throw new RejectedExecutionException("the executor is shut down");
        t.arrival = arrivals++;
        queue.add(t);
        return t;
    }

    private synchronized void requeue(Task<?> t) {
        if (!shutdown) queue.add(t);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(Executors.callable(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return queue(new Task<>(callable, clock.getAsLong() + unit.toMillis(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        if (period <= 0) throw new IllegalArgumentException("period " + period);
        return queue(new Task<>(Executors.callable(command), clock.getAsLong() + unit.toMillis(initialDelay), unit.toMillis(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        if (delay <= 0) throw new IllegalArgumentException("delay " + delay);
        return queue(new Task<>(Executors.callable(command), clock.getAsLong() + unit.toMillis(initialDelay), -unit.toMillis(delay)));
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        long now = clock.getAsLong();
        queue.removeIf(t -> t.isPeriodic() || t.due > now);
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> dropped = new ArrayList<>(queue);
        queue.clear();
        return dropped;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    /** Does not wait: nothing runs unless the test runs it. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /** A queued task; {@code period} positive: at a fixed rate, negative: with a fixed delay, 0: once. */
    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {

        private long due;
        private long arrival;
        private final long period;

        Task(Callable<V> callable, long due, long period) {
            super(callable);
            this.due = due;
            this.period = period;
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                due = period > 0 ? due + period : clock.getAsLong() - period;
                requeue(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - clock.getAsLong(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> o = (Task<?>) other;
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(arrival, o.arrival);
        }
    }
}
