package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Decision;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.api.spi.MasterRetryPolicy.GiveUp;
import dev.mr.api.spi.MasterRetryPolicy.Reason;
import dev.mr.api.spi.MasterRetryPolicy.Retry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Every client of the master decides by this rule whether to call again while the master
 * restarts. Calling again too eagerly can create a job twice; too timidly, a three-hour job's
 * submitter gives up during a one-minute restart; without a bound, a script hangs for ever.
 */
class MasterRetryPolicyTest {

    static final long MAX = 15 * 60_000L;

    static MasterRetryPolicy policy(long seed) {
        return new MasterRetryPolicy(MasterRetryPolicy.DEFAULT_BACKOFF, MAX, new Random(seed));
    }

    static long delay(Decision d) {
        return assertInstanceOf(Retry.class, d).delayMs();
    }

    @Test
    void aRequestThatNeverLeftOrWasTurnedAwayGoesAgainWhateverItAsksWithBackoffAndALittleJitter() {
        MasterRetryPolicy p = policy(7);
        long[] base = {250, 500, 1000, 2000, 4000, 5000, 5000, 5000};
        for (Call call : Call.values()) {
            for (Failure f : new Failure[] {Failure.NOT_SENT, Failure.UNAVAILABLE}) {
                for (int i = 0; i < base.length; i++) {
                    long d = delay(p.decide(call, f, i + 1, 1000L * i));
                    assertTrue(d >= base[i] * 9 / 10 && d <= base[i] * 11 / 10, call + " " + f + " try " + (i + 1) + " waited " + d);
                }
            }
        }
    }

    @Test
    void aRequestLostAfterItWasSentGoesAgainOnlyWhenRepeatingItIsHarmless() {
        MasterRetryPolicy p = policy(7);
        assertTrue(delay(p.decide(Call.REPEATABLE, Failure.LOST, 1, 0)) > 0);
        assertEquals(new GiveUp(Reason.MAY_HAVE_BEEN_APPLIED), p.decide(Call.ONCE, Failure.LOST, 1, 0));
    }

    @Test
    void givesUpOnceTheMasterHasBeenUnreachableForTheBoundAndTheLastTryFallsOnIt() {
        MasterRetryPolicy p = policy(7);
        assertEquals(700, delay(p.decide(Call.REPEATABLE, Failure.NOT_SENT, 200, MAX - 700)), "not past the bound");
        assertEquals(new GiveUp(Reason.TOO_LONG), p.decide(Call.REPEATABLE, Failure.NOT_SENT, 201, MAX));
        MasterRetryPolicy never = new MasterRetryPolicy(MasterRetryPolicy.DEFAULT_BACKOFF, 0, new Random(1));
        assertEquals(new GiveUp(Reason.TOO_LONG), never.decide(Call.REPEATABLE, Failure.NOT_SENT, 1, 0), "0 turns retrying off");
    }

    @Test
    void aDaemonNeverGivesUp() {
        MasterRetryPolicy p = MasterRetryPolicy.forDaemons(MasterRetryPolicy.DEFAULT_BACKOFF, new Random(3));
        long d = delay(p.decide(Call.REPEATABLE, Failure.LOST, 100_000, 30L * 24 * 3600 * 1000));
        assertTrue(d >= 4500 && d <= 5500, "at the cap: " + d);
    }

    @Test
    void theJitterIsReproducibleFromItsSeedAndSpreadsClientsWithOtherSeeds() {
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        MasterRetryPolicy pa = policy(11);
        MasterRetryPolicy pb = policy(11);
        MasterRetryPolicy pc = policy(12);
        for (int i = 1; i <= 10; i++) {
            a.add(delay(pa.decide(Call.REPEATABLE, Failure.NOT_SENT, i, 0)));
            b.add(delay(pb.decide(Call.REPEATABLE, Failure.NOT_SENT, i, 0)));
            c.add(delay(pc.decide(Call.REPEATABLE, Failure.NOT_SENT, i, 0)));
        }
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void theBoundComesFromTheClientsSetting() {
        assertEquals(MasterRetryPolicy.DEFAULT_MAX_MS, MasterRetryPolicy.forClients(new Configuration(), new Random()).maxMs());
        assertEquals(900_000, MasterRetryPolicy.DEFAULT_MAX_MS);
        assertEquals(5000, MasterRetryPolicy.forClients(new Configuration().setLong(ConfKeys.CLIENT_RETRY_MAX_MS, 5000), new Random()).maxMs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MasterRetryPolicy.forClients(new Configuration().setLong(ConfKeys.CLIENT_RETRY_MAX_MS, -1), new Random()));
        assertEquals("mr.client.retry.max.ms must be 0 or more, not -1", e.getMessage());
    }

    @Test
    void anExceptionSaysWhetherTheRequestLeftAndWhetherTryingAgainCanHelp() {
        assertEquals(Failure.NOT_SENT, MasterRetryPolicy.classify(new ConnectException("Connection refused")));
        assertEquals(Failure.NOT_SENT, MasterRetryPolicy.classify(new IOException("cannot reach", new ConnectException())));
        assertEquals(Failure.NOT_SENT, MasterRetryPolicy.classify(new HttpConnectTimeoutException("HTTP connect timed out")));
        assertEquals(Failure.LOST, MasterRetryPolicy.classify(new HttpTimeoutException("request timed out")));
        assertEquals(Failure.LOST, MasterRetryPolicy.classify(new IOException("Connection reset")));
        assertNull(MasterRetryPolicy.classify(new IOException("handshake", new SSLHandshakeException("PKIX path building failed"))),
                "a certificate does not get better by asking again");
        assertNull(MasterRetryPolicy.classify(new UnknownHostException("mastre")), "nor does a misspelt host name");
    }
}
