package dev.mr.master.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import org.junit.jupiter.api.Test;

/**
 * A job whose executor settings no worker could honour must be refused at submission, naming the
 * setting and its value, rather than fail attempt after attempt on the workers; a job that sets
 * nothing gets the defaults, and a heap is only compared with workers that told their memory.
 */
class ExecutorSettingsTest {

    @Test
    void aJobThatSetsNothingGetsProcessExecutorsAndTheDefaultTimes() {
        assertEquals(new ExecutorSettings("process", 0, 60_000, 600_000, 10_000), ExecutorSettings.from(new Configuration()));
    }

    @Test
    void wellFormedSettingsAreRead() {
        Configuration conf = new Configuration().set(ConfKeys.EXECUTOR, " thread ").set(ConfKeys.EXECUTOR_MEMORY_MB, "64")
                .set(ConfKeys.EXECUTOR_IDLE_MS, "0").set(ConfKeys.TASK_TIMEOUT_MS, "0").set(ConfKeys.TASK_KILL_GRACE_MS, "250");
        assertEquals(new ExecutorSettings("thread", 64, 0, 0, 250), ExecutorSettings.from(conf));
    }

    @Test
    void anUnknownExecutorIsRefusedNamingIt() {
        refused("mr.executor must be process or thread, not docker", ConfKeys.EXECUTOR, "docker");
        refused("mr.executor must be process or thread, not Process", ConfKeys.EXECUTOR, "Process");
    }

    @Test
    void aMalformedOrNegativeNumberIsRefusedNamingTheKeyAndTheValue() {
        refused("setting mr.task.timeout.ms=-1 must be a whole number of milliseconds, 0 or more", ConfKeys.TASK_TIMEOUT_MS, "-1");
        refused("setting mr.task.kill.grace.ms=10s must be a whole number of milliseconds", ConfKeys.TASK_KILL_GRACE_MS, "10s");
        refused("setting mr.executor.idle.ms=1.5 must be a whole number of milliseconds", ConfKeys.EXECUTOR_IDLE_MS, "1.5");
        refused("setting mr.executor.memory.mb=2g must be a whole number of MiB, at least 64", ConfKeys.EXECUTOR_MEMORY_MB, "2g");
    }

    @Test
    void aHeapBelow64MiBIsRefused() {
        refused("setting mr.executor.memory.mb=63 must be a whole number of MiB, at least 64", ConfKeys.EXECUTOR_MEMORY_MB, "63");
        refused("setting mr.executor.memory.mb=0 must be a whole number of MiB, at least 64", ConfKeys.EXECUTOR_MEMORY_MB, "0");
    }

    @Test
    void aHeapLargerThanTheLargestWorkerIsRefusedNamingBoth() {
        ExecutorSettings s = ExecutorSettings.from(new Configuration().set(ConfKeys.EXECUTOR_MEMORY_MB, "900000"));
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> s.checkFits(6144));
        assertEquals("mr.executor.memory.mb=900000 is more than any worker can give: the largest has 6144 MiB (a worker's --memory sets it)",
                e.getMessage());
    }

    @Test
    void aHeapThatFitsOrCannotBeComparedIsAccepted() {
        ExecutorSettings s = ExecutorSettings.from(new Configuration().set(ConfKeys.EXECUTOR_MEMORY_MB, "6144"));
        s.checkFits(6144);
        s.checkFits(0); // no live worker told its memory: the workers check it themselves
        ExecutorSettings.from(new Configuration()).checkFits(64); // no heap asked: the worker's --memory
    }

    private static void refused(String message, String key, String value) {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> ExecutorSettings.from(new Configuration().set(key, value)));
        assertEquals(true, e.getMessage().startsWith(message), "expected '" + message + "' at the start of: " + e.getMessage());
    }
}
