package dev.mr.worker.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a phase's tasks on a fixed number of threads and stops at the first failure: the
 * remaining tasks are cancelled (running ones interrupted) and the failure is thrown.
 * Owned by the runner's thread; tasks run on the pool's daemon threads.
 */
final class TaskPool implements AutoCloseable {

    /** One task of a phase; {@code onSuccess} runs on the runner's thread, in completion order. */
    interface Task<R> {
        String id();

        R run() throws Exception;

        void onSuccess(R result) throws Exception;
    }

    /** A task failed; the message names it, the cause is what it threw. */
    static final class TaskFailedException extends Exception {
        final String taskId;

        TaskFailedException(String taskId, Throwable cause) {
            super("task " + taskId + " failed: " + cause, cause);
            this.taskId = taskId;
        }
    }

    private final ExecutorService executor;

    TaskPool(int threads, String jobId) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, jobId + "-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every task; {@code progress} is called after each success. */
    <R> void runAll(List<? extends Task<R>> tasks, Runnable progress) throws TaskFailedException, InterruptedException {
        ExecutorCompletionService<R> done = new ExecutorCompletionService<>(executor);
        List<Future<R>> futures = new ArrayList<>();
        java.util.Map<Future<R>, Task<R>> byFuture = new java.util.HashMap<>();
        for (Task<R> t : tasks) {
            Future<R> f = done.submit(t::run);
            futures.add(f);
            byFuture.put(f, t);
        }
        try {
            for (int i = 0; i < tasks.size(); i++) {
                Future<R> f = done.take();
                Task<R> task = byFuture.get(f);
                try {
                    task.onSuccess(f.get());
                } catch (ExecutionException e) {
                    throw new TaskFailedException(task.id(), e.getCause());
                } catch (Exception e) {
                    throw new TaskFailedException(task.id(), e);
                }
                progress.run();
            }
        } finally {
            for (Future<R> f : futures) f.cancel(true);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
