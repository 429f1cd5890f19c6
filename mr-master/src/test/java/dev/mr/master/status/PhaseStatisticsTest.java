package dev.mr.master.status;

import static dev.mr.master.status.Summaries.counters;
import static dev.mr.master.status.Summaries.doneMap;
import static dev.mr.master.status.Summaries.span;
import static dev.mr.master.status.Summaries.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.TaskCounter;
import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.TaskState;
import dev.mr.master.scheduler.TaskSummary;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.PhaseStats;
import dev.mr.protocol.SlowTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job page shows per-phase percentiles of task durations and the slowest tasks, to spot
 * stragglers and skew: the percentiles must be those of the attempts that won their tasks, the
 * slowest must count running tasks up to now, and a phase's counts must add up.
 */
class PhaseStatisticsTest {

    @Test
    void percentilesAreThoseOfTheWinningAttemptsDurations() {
        List<TaskSummary> tasks = new ArrayList<>();
        for (int i = 1; i <= 100; i++) tasks.add(doneMap(i - 1, "w1", 0, i * 10L)); // 10 ms .. 1,000 ms
        // a failed first attempt does not count, only the one that won
        tasks.add(task(true, 100, TaskState.SUCCEEDED, null, span(0, "w1", 0, 1_900, AttemptState.FAILED),
                span(1, "w2", 1_900, 1_905, AttemptState.SUCCEEDED)));
        PhaseStats map = PhaseStatistics.of("job_0001", tasks, false, 5_000, 3).phases().get(0);
        assertEquals(101, map.durations());
        assertEquals(500, map.p50());
        assertEquals(900, map.p90());
        assertEquals(990, map.p99());
        assertEquals(1000, map.max());
        assertEquals((5050 * 10 + 5) / 101.0, map.mean(), 0.01);
        assertEquals(List.of("job_0001_m_000100", "job_0001_m_000099", "job_0001_m_000098"),
                map.slowest().stream().map(SlowTask::taskId).toList(), "by the task's whole time, retries included");
        assertEquals(new SlowTask("job_0001_m_000100", "SUCCEEDED", "w2", 0, 1_905, 2), map.slowest().get(0));
        assertEquals(102, map.attempts());
        assertEquals(1, map.failedAttempts());
        assertEquals(0, map.firstStart());
        assertEquals(1_905, map.lastFinish());
    }

    @Test
    void runningTasksAreAmongTheSlowestUpToNowAndKeepThePhaseOpen() {
        List<TaskSummary> tasks = List.of(doneMap(0, "w1", 0, 100),
                task(true, 1, TaskState.RUNNING, null, span(0, "w2", 50, -1, AttemptState.RUNNING)),
                task(true, 2, TaskState.WAITING, null),
                task(false, 0, TaskState.WAITING, null));
        JobStats s = PhaseStatistics.of("job_0001", tasks, true, 1_050, 10);
        assertEquals(1_050, s.now());
        PhaseStats map = s.phases().get(0);
        assertEquals(new SlowTask("job_0001_m_000001", "RUNNING", "w2", 50, 1_000, 1), map.slowest().get(0));
        assertEquals(2, map.slowest().size(), "a task that never started has no duration yet");
        assertEquals(-1, map.lastFinish(), "a phase with tasks to go has not finished");
        assertEquals(3, map.tasks());
        assertEquals(1, map.running());
        assertEquals(1, map.waiting());
        assertEquals(1, map.succeeded());
        assertEquals(1, map.durations());
        assertEquals(100, map.p99());
        PhaseStats reduce = s.phases().get(1);
        assertEquals("reduce", reduce.phase());
        assertEquals(0, reduce.durations());
        assertEquals(-1, reduce.p50(), "no percentiles before the first success");
        assertEquals(-1, reduce.max());
        assertEquals(-1, reduce.firstStart());
    }

    @Test
    void aPhaseAddsUpWhatItsTasksReadAndWroteAndItsAttemptsByOutcome() {
        List<TaskSummary> tasks = List.of(
                task(true, 0, TaskState.SUCCEEDED, counters(TaskCounter.MAP_INPUT_RECORDS, 10, TaskCounter.MAP_INPUT_BYTES, 100,
                        TaskCounter.MAP_OUTPUT_RECORDS, 20, TaskCounter.MAP_OUTPUT_BYTES, 200), span(0, "w1", 0, 10, AttemptState.SUCCEEDED)),
                task(true, 1, TaskState.SUCCEEDED, counters(TaskCounter.MAP_INPUT_RECORDS, 5, TaskCounter.MAP_INPUT_BYTES, 50,
                        TaskCounter.MAP_OUTPUT_RECORDS, 6, TaskCounter.MAP_OUTPUT_BYTES, 60), span(0, "w1", 0, 30, AttemptState.KILLED),
                        Summaries.backup(1, "w2", 5, 20, AttemptState.SUCCEEDED)),
                task(false, 0, TaskState.KILLED, null, span(0, "w1", 40, 50, AttemptState.KILLED)),
                task(false, 1, TaskState.FAILED, null, span(0, "w1", 40, 45, AttemptState.FAILED)));
        JobStats s = PhaseStatistics.of("job_0001", tasks, true, 100, 5);
        PhaseStats map = s.phases().get(0);
        assertEquals(15, map.inputRecords());
        assertEquals(150, map.inputBytes());
        assertEquals(26, map.outputRecords());
        assertEquals(260, map.outputBytes());
        assertEquals(3, map.attempts());
        assertEquals(1, map.killedAttempts());
        assertEquals(1, map.backupAttempts());
        assertEquals(20, map.lastFinish());
        PhaseStats reduce = s.phases().get(1);
        assertEquals(1, reduce.killed());
        assertEquals(1, reduce.failed());
        assertEquals(50, reduce.lastFinish(), "failed and killed tasks are done too");
    }

    @Test
    void aMapOnlyJobHasOnlyItsMapPhase() {
        JobStats s = PhaseStatistics.of("job_0001", List.of(doneMap(0, "w1", 0, 5)), false, 10, 5);
        assertEquals(List.of("map"), s.phases().stream().map(PhaseStats::phase).toList());
    }
}
