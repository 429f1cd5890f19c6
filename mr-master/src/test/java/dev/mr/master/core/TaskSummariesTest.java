package dev.mr.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.master.scheduler.TaskSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * One refresh of the job page asks for the task table, the statistics and the timeline; for a job
 * of 100,000 tasks each snapshot costs the scheduler's thread tens of milliseconds, so they share
 * one: fresh enough while the job runs, kept once it ended, and only for a few jobs.
 */
class TaskSummariesTest {

    final TaskSummaries cache = new TaskSummaries();
    final AtomicInteger taken = new AtomicInteger();

    Supplier<List<TaskSummary>> take() {
        return () -> {
            taken.incrementAndGet();
            return new ArrayList<>();
        };
    }

    @Test
    void aRunningJobsSnapshotServesForASecond() {
        List<TaskSummary> first = cache.get("job_0001", false, 1_000, take());
        assertEquals(first, cache.get("job_0001", false, 1_999, take()));
        assertEquals(1, taken.get());
        cache.get("job_0001", false, 2_000, take());
        assertEquals(2, taken.get(), "a second later it is taken again");
    }

    @Test
    void aSnapshotTakenAfterTheJobEndedServesForGood() {
        cache.get("job_0001", false, 1_000, take());
        cache.get("job_0001", true, 1_500, take());
        assertEquals(1, taken.get(), "taken while it ran, still fresh");
        cache.get("job_0001", true, 5_000, take());
        assertEquals(2, taken.get(), "retaken once stale, now after its end");
        cache.get("job_0001", true, 1_000_000, take());
        assertEquals(2, taken.get());
    }

    @Test
    void onlyTheLastFewJobsAreKept() {
        for (int j = 1; j <= TaskSummaries.MAX_JOBS + 1; j++) cache.get("job_000" + j, true, 0, take());
        assertEquals(TaskSummaries.MAX_JOBS + 1, taken.get());
        cache.get("job_000" + (TaskSummaries.MAX_JOBS + 1), true, 0, take());
        assertEquals(TaskSummaries.MAX_JOBS + 1, taken.get(), "the newest is kept");
        cache.get("job_0001", true, 0, take());
        assertEquals(TaskSummaries.MAX_JOBS + 2, taken.get(), "the least recently used went first");
    }
}
