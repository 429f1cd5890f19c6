package dev.mr.master.status;

import static dev.mr.master.status.Summaries.backup;
import static dev.mr.master.status.Summaries.doneMap;
import static dev.mr.master.status.Summaries.span;
import static dev.mr.master.status.Summaries.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.TaskState;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.protocol.Timeline;
import dev.mr.protocol.TimelineBar;
import dev.mr.protocol.TimelineRow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job page draws the timeline the master lays out: one row per worker, one bar per attempt
 * placed from the job's start, overlapping attempts of a worker in separate lanes (and no more
 * lanes than attempts ran at once), running attempts reaching to the end, and for huge jobs a
 * bounded selection that keeps what a reader looks for.
 */
class TimelineLayoutTest {

    static final long START = 1_000_000;

    static TimelineBar bar(Timeline t, String attemptId) {
        for (TimelineRow r : t.rows()) for (TimelineBar b : r.bars()) if (b.attemptId().equals(attemptId)) return b;
        throw new AssertionError("no bar for " + attemptId + " in " + t);
    }

    static TimelineRow row(Timeline t, String worker) {
        for (TimelineRow r : t.rows()) if (r.worker().equals(worker)) return r;
        throw new AssertionError("no row for " + worker);
    }

    @Test
    void oneRowPerWorkerInIdOrderAndBarsPlacedFromTheJobsStart() {
        List<TaskSummary> tasks = List.of(doneMap(0, "w2", START + 100, START + 600), doneMap(1, "w1", START + 50, START + 250),
                task(false, 0, TaskState.RUNNING, null, span(0, "w1", START + 700, -1, AttemptState.RUNNING)));
        Timeline t = TimelineLayout.layout("job_0001", tasks, START, START + 2000, 100);
        assertEquals(List.of("w1", "w2"), t.rows().stream().map(TimelineRow::worker).toList());
        assertEquals(new TimelineBar("job_0001_m_000000_0", "map", "SUCCEEDED", false, 0, 100, 500), bar(t, "job_0001_m_000000_0"));
        assertEquals(new TimelineBar("job_0001_m_000001_0", "map", "SUCCEEDED", false, 0, 50, 200), bar(t, "job_0001_m_000001_0"));
        assertEquals(new TimelineBar("job_0001_r_000000_0", "reduce", "RUNNING", false, 0, 700, 1300), bar(t, "job_0001_r_000000_0"),
                "a running attempt reaches to the timeline's end");
        assertEquals(1, row(t, "w1").lanes(), "one after the other: one lane");
        assertEquals(3, t.attempts());
        assertEquals(3, t.shown());
        assertEquals(START, t.start());
        assertEquals(START + 2000, t.end());
    }

    @Test
    void overlappingAttemptsOfAWorkerGoIntoTheFewestLanes() {
        // w1 runs three at once from 0 to 300, then one more that starts exactly when the first ends
        List<TaskSummary> tasks = List.of(doneMap(0, "w1", START, START + 100), doneMap(1, "w1", START + 10, START + 300),
                doneMap(2, "w1", START + 20, START + 300), doneMap(3, "w1", START + 100, START + 200),
                doneMap(4, "w1", START + 300, START + 400));
        Timeline t = TimelineLayout.layout("job_0001", tasks, START, START + 400, 100);
        TimelineRow w1 = row(t, "w1");
        assertEquals(3, w1.lanes(), "at most three ran at once");
        assertEquals(0, bar(t, "job_0001_m_000000_0").lane());
        assertEquals(1, bar(t, "job_0001_m_000001_0").lane());
        assertEquals(2, bar(t, "job_0001_m_000002_0").lane());
        assertEquals(0, bar(t, "job_0001_m_000003_0").lane(), "starts when lane 0 frees up");
        assertEquals(0, bar(t, "job_0001_m_000004_0").lane(), "lane 0 is free again first");
        assertNoOverlapInALane(t);
    }

    @Test
    void backupAndKilledAttemptsAreDrawnWithTheirOutcome() {
        TaskSummary raced = task(true, 0, TaskState.SUCCEEDED, null, span(0, "w1", START, START + 900, AttemptState.KILLED),
                backup(1, "w2", START + 500, START + 800, AttemptState.SUCCEEDED));
        Timeline t = TimelineLayout.layout("job_0001", List.of(raced), START, START + 1000, 100);
        TimelineBar killed = bar(t, "job_0001_m_000000_0");
        TimelineBar won = bar(t, "job_0001_m_000000_1");
        assertEquals("KILLED", killed.state());
        assertEquals(false, killed.backup());
        assertEquals("SUCCEEDED", won.state());
        assertEquals(true, won.backup());
        assertEquals(500, won.offset());
    }

    @Test
    void timesOutsideTheJobAreClampedToIt() {
        TaskSummary odd = task(true, 0, TaskState.SUCCEEDED, null, span(0, "w1", START - 50, START + 5000, AttemptState.SUCCEEDED));
        Timeline t = TimelineLayout.layout("job_0001", List.of(odd), START, START + 1000, 100);
        assertEquals(new TimelineBar("job_0001_m_000000_0", "map", "SUCCEEDED", false, 0, 0, 1000), bar(t, "job_0001_m_000000_0"));
    }

    @Test
    void aHugeJobDrawsFailuresBackupsAndRunningAttemptsFirstThenTheLongest() {
        List<TaskSummary> tasks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) tasks.add(doneMap(i, "w" + (i % 10), START + i, START + i + 100 + (i == 500 ? 5000 : 0)));
        tasks.add(task(true, 1000, TaskState.RUNNING, null, span(0, "w3", START + 10, START + 20, AttemptState.FAILED),
                span(1, "w4", START + 30, -1, AttemptState.RUNNING)));
        tasks.add(task(true, 1001, TaskState.SUCCEEDED, null, backup(0, "w5", START + 10, START + 15, AttemptState.SUCCEEDED)));
        Timeline t = TimelineLayout.layout("job_0001", tasks, START, START + 6000, 5);
        assertEquals(1003, t.attempts());
        assertEquals(5, t.shown());
        List<String> drawn = new ArrayList<>();
        for (TimelineRow r : t.rows()) for (TimelineBar b : r.bars()) drawn.add(b.attemptId());
        assertTrue(drawn.containsAll(List.of("job_0001_m_001000_0", "job_0001_m_001000_1", "job_0001_m_001001_0", "job_0001_m_000500_0")), drawn.toString());
        assertEquals(5, drawn.size());
        assertNoOverlapInALane(t);
        assertThrows(IllegalArgumentException.class, () -> TimelineLayout.layout("job_0001", tasks, START, START, 0));
    }

    @Test
    void aJobWithoutAttemptsHasNoRows() {
        Timeline t = TimelineLayout.layout("job_0001", List.of(task(true, 0, TaskState.WAITING, null)), START, START - 5, 10);
        assertEquals(List.of(), t.rows());
        assertEquals(START, t.end(), "an end before the start is the start");
    }

    static void assertNoOverlapInALane(Timeline t) {
        for (TimelineRow r : t.rows()) {
            for (TimelineBar a : r.bars()) {
                assertTrue(a.lane() >= 0 && a.lane() < r.lanes(), a + " outside the row's lanes");
                for (TimelineBar b : r.bars()) {
                    if (a == b || a.lane() != b.lane()) continue;
                    boolean apart = a.offset() + a.length() <= b.offset() || b.offset() + b.length() <= a.offset();
                    assertTrue(apart, a + " overlaps " + b);
                }
            }
        }
    }
}
