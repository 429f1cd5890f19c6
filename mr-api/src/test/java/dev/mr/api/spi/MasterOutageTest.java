package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.api.spi.MasterRetryPolicy.GiveUp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The workers' heartbeat thread tracks the master's outages with this: the bound counts from
 * the first failure of an outage, not from the worker's start, and each outage begins and ends
 * once, so the log says each once.
 */
class MasterOutageTest {

    @Test
    void anOutageBeginsAtItsFirstFailureAndEndsAtTheNextAnswer() {
        MasterOutage o = new MasterOutage(new MasterRetryPolicy(MasterRetryPolicy.DEFAULT_BACKOFF, 10_000, new Random(1)));
        assertEquals(-1, o.ended(500), "no outage, nothing to end");
        o.failed(Call.REPEATABLE, Failure.NOT_SENT, 1_000);
        assertTrue(o.justBegan());
        o.failed(Call.REPEATABLE, Failure.NOT_SENT, 3_000);
        assertFalse(o.justBegan());
        assertEquals(2, o.failures());
        assertEquals(4_000, o.lastedMs(5_000));
        assertInstanceOf(GiveUp.class, o.failed(Call.REPEATABLE, Failure.NOT_SENT, 11_000), "10 s after the first failure");
        assertEquals(10_500, o.ended(11_500));
        assertFalse(o.ongoing());
        o.failed(Call.REPEATABLE, Failure.LOST, 50_000);
        assertTrue(o.justBegan(), "the next outage begins afresh");
        assertInstanceOf(MasterRetryPolicy.Retry.class, o.failed(Call.REPEATABLE, Failure.LOST, 55_000), "its bound counts from its own start");
    }
}
