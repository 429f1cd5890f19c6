package dev.mr.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.master.scheduler.WorkerState;
import dev.mr.master.scheduler.WorkerStatus;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.WorkerView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workers page shows what a worker told about its memory and executors; a worker declared dead
 * shows no executors, since nothing says they still run, but keeps its memory.
 */
class WorkerViewsTest {

    final ExecutorView executor = new ExecutorView("job_0001", 4242, 300, 1024, List.of("job_0001_m_000000_0"), 1_000);

    @Test
    void aLiveWorkerShowsItsMemoryAndExecutors() {
        WorkerView v = SchedulerViews.worker(status(WorkerState.ALIVE), notes());
        assertEquals(6144, v.memoryMb());
        assertEquals(List.of(executor), v.executors());
    }

    @Test
    void aDeadWorkerShowsNoExecutors() {
        WorkerView v = SchedulerViews.worker(status(WorkerState.DEAD), notes());
        assertEquals("DEAD", v.state());
        assertEquals(6144, v.memoryMb());
        assertEquals(List.of(), v.executors());
    }

    private JobTable.WorkerNotes notes() {
        JobTable.WorkerNotes n = new JobTable.WorkerNotes();
        n.memoryMb = 6144;
        n.executors = List.of(executor);
        return n;
    }

    private static WorkerStatus status(WorkerState state) {
        return new WorkerStatus("w1", 1, state, "h:1", "http://h:1", 2, 0, 500, List.of(), List.of());
    }
}
