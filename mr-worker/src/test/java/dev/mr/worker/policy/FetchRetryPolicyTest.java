package dev.mr.worker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.Backoff;
import org.junit.jupiter.api.Test;

/**
 * A reducer that reports a map output too early makes the master re-run good maps; one that
 * never reports waits on a lost output forever. The rule is every few failures, with backoff.
 */
class FetchRetryPolicyTest {

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
