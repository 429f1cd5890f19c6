package dev.mr.worker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A task is hung when its signs of life stop moving, measured from the last look at which they moved; waiting on the shuffle is not hanging. */
class ProgressWatchTest {

    @Test
    void silenceIsMeasuredFromTheLastMove() {
        ProgressWatch w = new ProgressWatch();
        assertEquals(0, w.silentMs(5, 1_000));
        assertEquals(4_000, w.silentMs(5, 5_000));
        assertEquals(0, w.silentMs(6, 6_000), "a record read or written starts the clock again");
        assertEquals(600_000, w.silentMs(6, 606_000));
    }

    @Test
    void aTaskWaitingOnTheShuffleIsNeverSilent() {
        ProgressWatch w = new ProgressWatch();
        assertEquals(0, w.silentMs(-1, 0));
        assertEquals(0, w.silentMs(-1, 3_600_000));
        assertEquals(0, w.silentMs(0, 3_600_001), "the clock starts when reducing starts");
        assertEquals(10, w.silentMs(0, 3_600_011));
    }
}
