package dev.mr.worker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Registration retries and fetch retries both wait by this rule; a wrong doubling or a missing
 * cap would either hammer a master that is down or leave a reducer idle for minutes.
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

    @Test
    void fetchFailuresAreReportedEveryFewTriesAndRetriedLater() {
        FetchRetryPolicy p = new FetchRetryPolicy(new Backoff(100, 1000), 3);
        assertEquals(1100, p.retryAt(1, 1000));
        assertEquals(1400, p.retryAt(3, 1000));
        assertFalse(p.reportAfter(1));
        assertFalse(p.reportAfter(2));
        assertTrue(p.reportAfter(3));
        assertFalse(p.reportAfter(4));
        assertTrue(p.reportAfter(6));
    }
}
