package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Registration, heartbeat, fetch and dfs retries all wait by this rule; a wrong doubling or a
 * missing cap would either hammer a master that is down or leave a client idle for minutes.
 */
class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        Backoff b = new Backoff(250, 5000);
        assertEquals(0, b.delayAfter(0));
        assertEquals(250, b.delayAfter(1));
        assertEquals(500, b.delayAfter(2));
        assertEquals(1000, b.delayAfter(3));
        assertEquals(4000, b.delayAfter(5));
        assertEquals(5000, b.delayAfter(6));
        assertEquals(5000, b.delayAfter(1_000_000));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 10));
    }
}
