package dev.mr.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.GiveUp;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The loop every client of the master runs a call in: it must say once that the master is
 * unreachable and once that it is back (a line per try would bury the user's terminal and the
 * workers' logs), wait by the policy on its clock, never resend a lost one-time request, and end
 * with the client's own words when it gives up. A manual clock that only the sleeps move.
 */
class MasterRetryLoopTest {

    long now = 1_000_000;
    final List<Long> sleeps = new ArrayList<>();
    final List<String> heard = new ArrayList<>();

    final MasterRetryLoop.Observer observer = new MasterRetryLoop.Observer() {
        @Override
        public void unreachable(String what, IOException e) {
            heard.add("unreachable " + what + ": " + MasterRetryLoop.reason(e));
        }

        @Override
        public void back(String what, long downMs) {
            heard.add("back " + what + " after " + downMs);
        }

        @Override
        public IOException gaveUp(String what, GiveUp why, IOException last, long triedMs) {
            heard.add("gave up " + what + ": " + why.reason() + " after " + triedMs);
            return new IOException("gave up " + what);
        }
    };

    MasterRetryLoop loop(long maxMs) {
        MasterRetryPolicy p = new MasterRetryPolicy(MasterRetryPolicy.DEFAULT_BACKOFF, maxMs, new Random(5));
        return new MasterRetryLoop(p, () -> now, ms -> {
            sleeps.add(ms);
            now += ms;
        });
    }

    /** An attempt that fails with {@code failure} {@code times} times, then answers "ok". */
    static MasterRetryLoop.Attempt<String> failing(int times, IOException failure) {
        int[] calls = {0};
        return () -> {
            if (calls[0]++ < times) throw failure;
            return "ok";
        };
    }

    @Test
    void saysOnceThatTheMasterIsUnreachableAndOnceThatItIsBackAndReturnsTheAnswer() throws Exception {
        String answer = loop(900_000).call(Call.REPEATABLE, "follow job_0001", failing(6, new ConnectException("Connection refused")),
                MasterRetryPolicy::classify, observer);
        assertEquals("ok", answer);
        assertEquals(6, sleeps.size());
        long slept = sleeps.stream().mapToLong(Long::longValue).sum();
        assertEquals(List.of("unreachable follow job_0001: connection refused", "back follow job_0001 after " + slept), heard);
        for (int i = 1; i < sleeps.size() - 1; i++) assertTrue(sleeps.get(i) > sleeps.get(i - 1), "backs off: " + sleeps);
    }

    @Test
    void anAnswerFirstTimeSaysNothing() throws Exception {
        assertEquals("ok", loop(900_000).call(Call.ONCE, "submit", failing(0, null), MasterRetryPolicy::classify, observer));
        assertEquals(List.of(), heard);
        assertEquals(List.of(), sleeps);
    }

    @Test
    void givesUpWithTheClientsWordsOnceTheMasterStayedAwayForTheBound() {
        IOException e = assertThrows(IOException.class, () -> loop(60_000).call(Call.REPEATABLE, "follow job_0001",
                failing(Integer.MAX_VALUE, new ConnectException()), MasterRetryPolicy::classify, observer));
        assertEquals("gave up follow job_0001", e.getMessage());
        long slept = sleeps.stream().mapToLong(Long::longValue).sum();
        assertEquals(60_000, slept, "the last try falls on the bound");
        assertEquals(List.of("unreachable follow job_0001: connection refused", "gave up follow job_0001: TOO_LONG after 60000"), heard);
    }

    @Test
    void aOneTimeRequestLostAfterItWasSentIsNotSentAgain() {
        int[] calls = {0};
        IOException e = assertThrows(IOException.class, () -> loop(900_000).call(Call.ONCE, "submit", () -> {
            calls[0]++;
            throw new IOException("Connection reset");
        }, MasterRetryPolicy::classify, observer));
        assertEquals("gave up submit", e.getMessage());
        assertEquals(1, calls[0]);
        assertEquals(List.of("gave up submit: MAY_HAVE_BEEN_APPLIED after 0"), heard, "no promise to retry that is not kept");
        assertEquals(List.of(), sleeps);
    }

    @Test
    void anAnswerThatIsARefusalIsNotRetried() {
        IOException refusal = new IOException("no job job_0009 on this master");
        IOException e = assertThrows(IOException.class, () -> loop(900_000).call(Call.REPEATABLE, "follow job_0009",
                failing(1, refusal), x -> null, observer));
        assertSame(refusal, e);
        assertEquals(List.of(), heard);
    }

    @Test
    void aFailureReadsAsWhatHappenedNotAsTheJdkSaysIt() {
        assertEquals("connection refused", MasterRetryLoop.reason(new IOException("cannot reach", new ConnectException())));
        assertEquals("the connection closed without an answer", MasterRetryLoop.reason(new IOException("HTTP/1.1 header parser received no bytes")),
                "a master killed while it held a poll");
        assertEquals("the connection closed without an answer",
                MasterRetryLoop.reason(new IOException("x", new java.net.SocketException("Unexpected end of file from server"))));
        assertEquals("connection reset", MasterRetryLoop.reason(new java.net.SocketException("Connection reset")));
        assertEquals("no answer in time", MasterRetryLoop.reason(new java.net.http.HttpTimeoutException("request timed out")));
        assertEquals("something else", MasterRetryLoop.reason(new IOException("something else")));
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertEquals("850 ms", MasterRetryLoop.duration(850));
        assertEquals("12.3 s", MasterRetryLoop.duration(12_345));
        assertEquals("15 min", MasterRetryLoop.duration(900_000));
        assertEquals("16 min 40 s", MasterRetryLoop.duration(1_000_000));
    }
}
