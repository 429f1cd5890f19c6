package dev.mr.protocol;

import java.util.List;

/**
 * An executor: the JVM a worker runs one job's tasks in, as its heartbeat tells it.
 *
 * @param job        the job whose tasks it runs
 * @param pid        its process id on the worker's host
 * @param heapUsedMb its heap in use, as it last said
 * @param heapMaxMb  its heap's limit ({@code mr.executor.memory.mb})
 * @param attempts   the attempts running in it now
 * @param startedAt  when it started, epoch milliseconds
 */
public record ExecutorView(String job, long pid, long heapUsedMb, long heapMaxMb, List<String> attempts, long startedAt) {}
