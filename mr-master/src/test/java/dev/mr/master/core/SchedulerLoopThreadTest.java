package dev.mr.master.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.master.scheduler.Event;
import dev.mr.master.scheduler.Scheduler;
import dev.mr.master.scheduler.SchedulerSettings;
import dev.mr.master.scheduler.WorkerStatus;
import dev.mr.protocol.RegisterRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The scheduler loop's contract with the threads around it, on a manual executor: the scheduler
 * is reachable only from the loop's own tasks (whichever thread runs them), work runs in the order
 * it was handed over, each event carries the clock's reading when it runs (not when it was
 * posted), ticks and timers come when the clock says, and after close a request is refused with a 503
 * rather than left waiting forever.
 */
class SchedulerLoopThreadTest {

    private final ManualClock clock = new ManualClock(5_000);
    private final ManualExecutor thread = new ManualExecutor(clock);
    private final SchedulerLoop loop = new SchedulerLoop(new Scheduler(SchedulerSettings.from(new Configuration())), clock, thread);

    @Test
    void theSchedulerIsReachableOnlyFromTheLoopsOwnTasks() {
        assertThrows(IllegalStateException.class, loop::scheduler, "from the test's thread, outside a task of the loop");
        assertThrows(IllegalStateException.class, () -> loop.feed(Event.Ticked::new));

        CompletableFuture<Integer> workers = loop.call(() -> loop.scheduler().workers().size());
        assertFalse(workers.isDone(), "nothing runs until the executor runs it");
        thread.runDue();
        assertEquals(0, workers.join());
        assertThrows(IllegalStateException.class, loop::scheduler, "a task's permission ends with the task");
    }

    @Test
    void workRunsInOrderAndEventsCarryTheTimeTheyRunAt() {
        List<String> ran = new ArrayList<>();
        loop.post(() -> ran.add("first"));
        CompletableFuture<Long> registeredAt = loop.call(() -> {
            ran.add("second");
            loop.feed(now -> WorkerMessages.registered(new RegisterRequest("w1", "h:1", "http://h:2", 2), now));
            return loop.scheduler().worker("w1").map(WorkerStatus::lastHeartbeat).orElseThrow();
        });
        clock.set(7_000); // posted at 5000, run at 7000
        thread.runDue();
        assertEquals(List.of("first", "second"), ran);
        assertEquals(7_000, registeredAt.join());
    }

    @Test
    void ticksComeEveryTickOnTheClock() {
        List<Long> ticks = new ArrayList<>();
        loop.effectsTo(e -> {});
        loop.startTicking(100);
        for (long t = 5_000; t <= 5_350; t += 50) {
            clock.set(t);
            if (thread.runDue() > 0) ticks.add(t);
        }
        assertEquals(List.of(5_100L, 5_200L, 5_300L), ticks);
    }

    @Test
    void aTimerRunsOnTheLoopWhenItsTimeComesOnTheClock() {
        List<Long> ran = new ArrayList<>();
        loop.post(() -> loop.after(300, () -> ran.add(loop.now() + loop.scheduler().workers().size())));
        thread.runDue();
        clock.set(5_299);
        thread.runDue();
        assertEquals(List.of(), ran);
        clock.set(5_300);
        thread.runDue();
        assertEquals(List.of(5_300L), ran);
    }

    @Test
    void aRequestAfterCloseIsRefusedAsUnavailable() {
        loop.close();
        CompletableFuture<Object> late = loop.call(() -> "never");
        assertTrue(late.isDone());
        CompletionException e = assertThrows(CompletionException.class, late::join);
        assertEquals(503, ((Refusal) e.getCause()).status());
    }
}
