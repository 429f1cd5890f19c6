package dev.mr.worker.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.protocol.WorkerView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splits are sized for the slots that can run them now: a dead worker, or one a restarted
 * master only expects back, would make splits for maps nobody runs.
 */
class LiveSlotsTest {

    private static WorkerView worker(String state, int slots) {
        return new WorkerView("w-" + state, "h", "http://h:1", state, 0, slots, List.of(), 0, 0, List.of(), null, 0, List.of());
    }

    @Test
    void onlyLiveWorkersCountExcludedOnesIncluded() {
        assertEquals(2 + 4 + 3, JobClient.liveSlots(List.of(worker("ALIVE", 2), worker("ALIVE", 4), worker("EXCLUDED", 3),
                worker("DEAD", 8), worker("AWAITED", 16))));
        assertEquals(0, JobClient.liveSlots(List.of(worker("DEAD", 2))));
    }
}
