package dev.mr.master.status;

import static dev.mr.master.status.Summaries.counters;
import static dev.mr.master.status.Summaries.doneMap;
import static dev.mr.master.status.Summaries.ids;
import static dev.mr.master.status.Summaries.span;
import static dev.mr.master.status.Summaries.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.TaskCounter;
import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.TaskState;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.protocol.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The job page shows one page of a job's tasks, filtered and sorted by the master, so that a job
 * of 100,000 tasks never reaches the browser whole: filters, every sort column, the order of ties
 * (paging through a sorted table must neither repeat nor skip a task) and the paging arithmetic.
 */
class TaskTableTest {

    static final long NOW = 10_000;

    final List<TaskSummary> job = List.of(
            doneMap(0, "w2", 100, 900),                                                     // 800 ms
            task(true, 1, TaskState.RUNNING, null, span(0, "w1", 200, -1, AttemptState.RUNNING)), // 9,800 ms so far
            task(true, 2, TaskState.WAITING, null),                                          // not started
            task(true, 3, TaskState.SUCCEEDED, counters(TaskCounter.MAP_INPUT_RECORDS, 50, TaskCounter.MAP_INPUT_BYTES, 5000,
                    TaskCounter.MAP_OUTPUT_RECORDS, 60, TaskCounter.MAP_OUTPUT_BYTES, 600),
                    span(0, "w1", 100, 400, AttemptState.FAILED), span(1, "w3", 400, 1400, AttemptState.SUCCEEDED)), // 1,300 ms
            task(false, 0, TaskState.SUCCEEDED, counters(TaskCounter.REDUCE_INPUT_RECORDS, 70, TaskCounter.SHUFFLE_BYTES, 700,
                    TaskCounter.OUTPUT_RECORDS, 8, TaskCounter.OUTPUT_BYTES, 80), span(0, "w2", 1000, 1800, AttemptState.SUCCEEDED)),
            task(false, 1, TaskState.FAILED, null, span(0, "w2", 1000, 1100, AttemptState.FAILED),
                    span(1, "w1", 1100, 1150, AttemptState.FAILED)));

    static Page<TaskSummary> select(List<TaskSummary> tasks, String type, String state, String sort, String order, int offset, int limit) {
        return TaskTable.select(tasks, TaskQuery.parse(type, state, sort, order, offset, limit), NOW);
    }

    @Test
    void byDefaultTasksComeInTheJobsOrderMapsThenReduces() {
        Page<TaskSummary> p = select(job, null, null, null, null, 0, 100);
        assertEquals(List.of("job_0001_m_000000", "job_0001_m_000001", "job_0001_m_000002", "job_0001_m_000003",
                "job_0001_r_000000", "job_0001_r_000001"), ids(p.items()));
        assertEquals(6, p.total());
    }

    @Test
    void filtersByTypeAndStateInAnyCase() {
        assertEquals(List.of("job_0001_r_000000", "job_0001_r_000001"), ids(select(job, "REDUCE", null, null, null, 0, 10).items()));
        assertEquals(List.of("job_0001_m_000000", "job_0001_m_000003"), ids(select(job, "map", "succeeded", null, null, 0, 10).items()));
        Page<TaskSummary> failed = select(job, null, "Failed", null, null, 0, 10);
        assertEquals(List.of("job_0001_r_000001"), ids(failed.items()));
        assertEquals(1, failed.total(), "total counts the matching tasks, not the job's");
    }

    @Test
    void sortsByDurationWithRunningTasksCountedUpToNowAndUnstartedOnesLowest() {
        assertEquals(List.of("job_0001_m_000001", "job_0001_m_000003", "job_0001_m_000000", "job_0001_r_000000", "job_0001_r_000001",
                "job_0001_m_000002"), ids(select(job, null, null, "duration", "desc", 0, 10).items()), "ties keep the job's order");
        assertEquals(List.of("job_0001_m_000002", "job_0001_r_000001"), ids(select(job, null, null, "duration", "asc", 0, 2).items()));
    }

    @Test
    void sortsByWhatTasksReadAndWroteByOneRuleForMapsAndReduces() {
        assertEquals(List.of("job_0001_r_000000", "job_0001_m_000003"), ids(select(job, null, null, "inputRecords", "desc", 0, 2).items()));
        assertEquals(List.of("job_0001_m_000003", "job_0001_r_000000"), ids(select(job, null, null, "inputBytes", "desc", 0, 2).items()));
        assertEquals(List.of("job_0001_m_000003", "job_0001_r_000000"), ids(select(job, null, null, "outputRecords", "desc", 0, 2).items()));
        assertEquals(List.of("job_0001_m_000003", "job_0001_r_000000"), ids(select(job, null, null, "outputBytes", "desc", 0, 2).items()));
        TaskSummary mapOnly = task(true, 9, TaskState.SUCCEEDED, counters(TaskCounter.OUTPUT_RECORDS, 4, TaskCounter.OUTPUT_BYTES, 40),
                span(0, "w1", 0, 1, AttemptState.SUCCEEDED));
        assertEquals(4, TaskFigures.outputRecords(mapOnly), "a map-only job's maps write the job's output");
        assertEquals(40, TaskFigures.outputBytes(mapOnly));
        TaskSummary reduce = job.get(4);
        assertEquals(70, TaskFigures.inputRecords(reduce));
        assertEquals(700, TaskFigures.inputBytes(reduce));
        assertEquals(8, TaskFigures.outputRecords(reduce));
        assertEquals(80, TaskFigures.outputBytes(reduce));
    }

    @Test
    void sortsByStateInLifecycleOrderAndByWorkerAttemptsStartAndLocality() {
        assertEquals(List.of("job_0001_m_000002", "job_0001_m_000001", "job_0001_m_000000", "job_0001_m_000003", "job_0001_r_000000",
                "job_0001_r_000001"), ids(select(job, null, null, "state", null, 0, 10).items()));
        assertEquals(List.of("job_0001_m_000002", "job_0001_m_000001", "job_0001_r_000001", "job_0001_m_000000", "job_0001_r_000000",
                "job_0001_m_000003"), ids(select(job, null, null, "worker", null, 0, 10).items()), "no worker first, then by the shown attempt's worker");
        assertEquals(List.of("job_0001_m_000003", "job_0001_r_000001"), ids(select(job, null, null, "attempts", "desc", 0, 2).items()));
        assertEquals("job_0001_m_000002", ids(select(job, null, null, "start", "asc", 0, 1).items()).get(0));
        assertEquals("job_0001_m_000002", ids(select(job, "map", null, "locality", "asc", 0, 1).items()).get(0));
    }

    @Test
    void pagingThroughASortedTableShowsEveryTaskOnce() {
        List<TaskSummary> many = new ArrayList<>();
        for (int i = 0; i < 95; i++) many.add(doneMap(i, "w" + (i % 4), 0, 1000 + (i % 7) * 10)); // many equal durations
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (int offset = 0; offset < 95; offset += 10) {
            Page<TaskSummary> p = select(many, null, null, "duration", "desc", offset, 10);
            assertEquals(95, p.total());
            for (String id : ids(p.items())) {
                assertTrue(seen.add(id), id + " shown twice");
                order.add(id);
            }
        }
        assertEquals(95, seen.size());
        assertEquals("job_0001_m_000006", order.get(0), "the longest first, ties in the job's order");
        assertEquals("job_0001_m_000013", order.get(1));
    }

    /** The size: a job of 100,000 tasks is answered a page at a time, sorted and filtered by the master. */
    @Test
    void aHundredThousandTasksAreAnsweredOnePageAtATime() {
        List<TaskSummary> many = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) many.add(doneMap(i, "w" + (i % 50), i, i + 1000 + (i * 7919L) % 5000));
        Page<TaskSummary> first = select(many, "map", "succeeded", "duration", "desc", 0, 100);
        assertEquals(100_000, first.total());
        assertEquals(100, first.items().size());
        Page<TaskSummary> last = select(many, null, null, "worker", "asc", 99_950, 100);
        assertEquals(50, last.items().size(), "the last page holds what is left");
        assertEquals(List.of(), select(many, "reduce", null, null, null, 0, 100).items(), "no reduces in this job");
    }

    @Test
    void aPagePastTheEndIsEmptyButKnowsTheTotal() {
        Page<TaskSummary> p = select(job, null, null, null, null, 50, 10);
        assertEquals(List.of(), p.items());
        assertEquals(6, p.total());
        assertEquals(50, p.offset());
        assertEquals(10, p.limit());
    }

    @Test
    void badParametersAreNamed() {
        assertEquals("type=both is not a task type; use map or reduce",
                assertThrows(IllegalArgumentException.class, () -> TaskQuery.parse("both", null, null, null, 0, 10)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskQuery.parse(null, "done", null, null, 0, 10)).getMessage()
                .startsWith("state=done is not a task state; use one of [WAITING, RUNNING"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskQuery.parse(null, null, "speed", null, 0, 10)).getMessage()
                .contains("sort=speed is not a column; use one of task, state, attempts"));
        assertEquals("order=down is not an order; use asc or desc",
                assertThrows(IllegalArgumentException.class, () -> TaskQuery.parse(null, null, null, "down", 0, 10)).getMessage());
        assertEquals("limit=1001 must lie between 1 and 1000",
                assertThrows(IllegalArgumentException.class, () -> TaskQuery.parse(null, null, null, null, 0, 1001)).getMessage());
        assertEquals("offset=-1 must be 0 or more",
                assertThrows(IllegalArgumentException.class, () -> TaskQuery.parse(null, null, null, null, -1, 10)).getMessage());
    }
}
