package dev.mr.master.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.TaskCounter;
import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.master.status.TaskQuery;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.Page;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job served from its history must look as it did while the master held it: the summaries
 * the task table sorts, the statistics and the timeline are built from the file as the
 * scheduler builds them (the winner, its framework counters, the spans), and a task's and an
 * attempt's views carry the error and the log tail.
 */
class JobDetailTest {

    @Test
    void summariesNameTheWinnerAndItsFrameworkCounters() {
        JobHistory h = Histories.job("job_0001", 100_000, 2);
        TaskSummary map = JobDetail.summary(h.tasks().get(1));
        assertEquals("job_0001_m_000001", map.taskId().toString());
        assertEquals(1, map.winner());
        assertEquals(101, map.counter(TaskCounter.MAP_INPUT_RECORDS));
        assertEquals(4096, map.counter(TaskCounter.MAP_INPUT_BYTES));
        assertEquals(0, map.counter(TaskCounter.OUTPUT_RECORDS));
        assertEquals(List.of("w-1", "w-2"), map.attempts().stream().map(TaskSummary.AttemptSpan::workerId).toList());
        TaskSummary reduce = JobDetail.summary(h.tasks().get(2));
        assertEquals(0, reduce.winner());
        long[] expected = new long[TaskCounter.values().length];
        expected[TaskCounter.REDUCE_INPUT_RECORDS.ordinal()] = 55;
        expected[TaskCounter.OUTPUT_RECORDS.ordinal()] = 9;
        assertArrayEquals(expected, reduce.framework());
    }

    @Test
    void itServesTasksStatisticsTimelineAndAttemptsWithErrorsAndLogTails() {
        JobDetail d = new JobDetail(Histories.job("job_0001", 100_000, 3));
        Page<TaskView> byDuration = d.tasks(TaskQuery.parse("map", null, "duration", "desc", 0, 2), 0);
        assertEquals(3, byDuration.total());
        assertEquals(List.of("job_0001_m_000002", "job_0001_m_000001"), byDuration.items().stream().map(TaskView::taskId).toList());
        TaskView t = byDuration.items().get(0);
        assertEquals("w-0", t.worker(), "the winner's worker");
        assertEquals(102L, t.counters().get("Framework").get("MAP_INPUT_RECORDS"));
        AttemptView failed = t.attempts().get(0);
        assertEquals(List.of("FAILED", Histories.ERROR, Histories.LOG), List.of(failed.state(), failed.error(), failed.log()));
        assertEquals(failed, d.attempt(AttemptId.parse("job_0001_m_000002_0")).orElseThrow());
        assertTrue(d.attempt(AttemptId.parse("job_0001_m_000002_7")).isEmpty());

        assertEquals(List.of("map", "reduce"), d.stats(0, 10).phases().stream().map(p -> p.phase()).toList());
        assertEquals(3, d.stats(0, 10).phases().get(0).failedAttempts());
        Timeline tl = d.timeline(100);
        assertEquals(List.of(90_000L, 100_000L, 7L, 7L), List.of(tl.start(), tl.end(), (long) tl.attempts(), (long) tl.shown()));
    }
}
