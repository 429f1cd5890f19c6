package dev.mr.worker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.MapOutputEntry;
import dev.mr.protocol.MapOutputs;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat loop is how the worker keeps the master's rules over time: it must beat at its
 * interval and at once when an attempt ends, ride out a master that does not answer without
 * flooding it or the log, register again when told, hand every order to the task runner, and go
 * quiet when stopped. These tests drive it step by step on a manual timer and clock against a
 * scripted master and a recording runner, so each timing claim is exact and nothing waits.
 */
class HeartbeatLoopTest {

    static final long INTERVAL = 1000;
    static final AttemptId M0 = TaskId.map("job_0001", 0).attempt(0);
    static final AttemptId M1 = TaskId.map("job_0001", 1).attempt(0);

    final ManualTimer timer = new ManualTimer();
    final ScriptedMaster master = new ScriptedMaster();
    final RecordingRunner runner = new RecordingRunner();
    final AttemptBook book = new AttemptBook();
    final List<String> refused = new ArrayList<>();
    WorkerSettings settings;
    HeartbeatLoop loop;

    @BeforeEach
    void setUp() {
        // the daemons' default back-off: 250 ms doubling to 5 s
        settings = WorkerSettings.from("http://master.test:1", 2, new Configuration(Map.of(WorkerSettings.HEARTBEAT_MS, String.valueOf(INTERVAL))), 256);
        loop = new HeartbeatLoop(settings, master, book, runner, new RegisterRequest("worker-1", "w1:7999", "http://w1:7999", 2, 256),
                () -> null, () -> refused.add("refused"), timer, timer::now);
    }

    @Test
    void registersThenHeartbeatsAtTheIntervalAndAtOnceWhenAnAttemptEnds() {
        loop.start();
        timer.runDue();
        assertEquals(List.of("register@0", "heartbeat@0"), master.calls, "registered, and the first heartbeat follows at once");
        assertEquals(7, master.heartbeats.get(0).incarnation());
        assertEquals("worker-1", master.heartbeats.get(0).workerId());
        assertEquals(2, master.heartbeats.get(0).freeSlots());

        timer.advance(INTERVAL - 1);
        assertEquals(2, master.calls.size(), "not before the interval");
        timer.advance(1);
        assertEquals("heartbeat@1000", last(master.calls));
        timer.advance(3 * INTERVAL);
        assertEquals(List.of("register@0", "heartbeat@0", "heartbeat@1000", "heartbeat@2000", "heartbeat@3000", "heartbeat@4000"),
                master.calls);

        timer.advance(300);
        loop.wakeUp(); // an attempt ended
        timer.runDue();
        assertEquals("heartbeat@4300", last(master.calls), "at once, not at the next interval");
        timer.advance(INTERVAL - 1);
        assertEquals("heartbeat@4300", last(master.calls), "the one woken up was the only one: the interval starts again from it");
        timer.advance(1);
        assertEquals("heartbeat@5300", last(master.calls));
    }

    @Test
    void anAttemptEndingWhileAHeartbeatIsInFlightIsReportedByTheNextAtOnce() {
        loop.start();
        timer.runDue();
        master.duringHeartbeat = once(loop::wakeUp);
        timer.advance(INTERVAL);
        assertEquals(List.of("register@0", "heartbeat@0", "heartbeat@1000", "heartbeat@1000"), master.calls);
        timer.advance(INTERVAL);
        assertEquals("heartbeat@2000", last(master.calls), "then the interval again");
        assertEquals(5, master.calls.size());
    }

    @Test
    void aMasterThatDoesNotAnswerIsTriedWithTheBackoffSaidOnceEachWayAndTheOutcomesWait() {
        book.started(M0, new Running());
        loop.start();
        timer.runDue();
        book.ended(M0, finished(M0));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple writes to whatever System.err is
        try {
            for (int i = 0; i < 8; i++) master.heartbeatAnswers.add(new ConnectException("Connection refused"));
            timer.advance(INTERVAL); // the first of them fails
            long[] expected = {250, 500, 1000, 2000, 4000, 5000, 5000}; // then each try waits twice as long, up to 5 s
            for (long base : expected) {
                int before = master.heartbeats.size();
                long failedAt = timer.lastCallAt;
                timer.advanceTo(failedAt + base * 9 / 10 - 1);
                loop.wakeUp(); // attempts ending meanwhile do not hurry the tries
                timer.runDue();
                assertEquals(before, master.heartbeats.size(), "no try sooner than 90% of " + base + " ms");
                timer.advanceTo(failedAt + base * 11 / 10);
                assertEquals(before + 1, master.heartbeats.size(), "a try within 10% of " + base + " ms");
                long waited = timer.lastCallAt - failedAt;
                assertTrue(waited >= base * 9 / 10 && waited <= base * 11 / 10, waited + " ms after " + base);
            }
            assertEquals(1 + 1 + 7, master.heartbeats.size(), "the first, and the eight that failed");
            timer.advance(5500 + 2 * INTERVAL); // the master answers the next try, and the ones after it
            List<Long> at = master.heartbeatTimes; // 0: before the outage; 1 to 8: failed; 9: answered
            for (HeartbeatRequest h : master.heartbeats.subList(1, 10)) {
                assertEquals(List.of(finished(M0)), h.reports(), "every try carries the outcome, until one is answered");
            }
            assertEquals(List.of(), master.heartbeats.get(10).reports(), "the answered outcome is sent no more");
            assertEquals(at.get(9), at.get(10), "a wake-up that came during the outage was pending: the next heartbeat goes at once");
            assertEquals(at.get(10) + INTERVAL, at.get(11), "then back at the interval");

            String text = log.toString(StandardCharsets.UTF_8);
            assertEquals(1, count(text, "does not answer (heartbeat failed: Connection refused)"), text);
            assertEquals(1, count(text, "answers again"), text);
            assertTrue(text.contains("(8 tries failed)"), text);
        } finally {
            System.setErr(savedErr);
        }
    }

    @Test
    void aRegistrationThatFailsIsTriedAgainWithTheBackoff() {
        master.registerAnswers.add(new ConnectException("Connection refused"));
        master.registerAnswers.add(new ConnectException("Connection refused"));
        loop.start();
        timer.runDue();
        assertEquals(List.of("register@0"), master.calls);
        timer.advance(275);
        assertEquals(2, master.calls.size(), "a second try within 10% of 250 ms: " + master.calls);
        timer.advance(550);
        assertEquals(List.of("register", "register", "register", "heartbeat"), master.calls.stream().map(c -> c.split("@")[0]).toList(),
                "the third try is answered and the first heartbeat follows at once");
    }

    @Test
    void aHeartbeatRefusedAsMalformedDropsItsOutcomesAndTheLoopGoesOn() {
        book.started(M0, new Running());
        loop.start();
        timer.runDue();
        book.ended(M0, finished(M0));
        master.heartbeatAnswers.add(new MasterClient.Refused("the master answered POST /api/v1/heartbeat with 400: bad report"));
        timer.advance(INTERVAL);
        assertEquals(List.of(finished(M0)), last(master.heartbeats).reports());
        assertEquals(List.of(), book.attempts(), "dropped, or it would be refused forever");
        timer.advance(INTERVAL);
        assertEquals("heartbeat@2000", last(master.calls), "at the interval, not backing off: the master answered");
        assertEquals(List.of(), last(master.heartbeats).reports());
    }

    @Test
    void toldToRegisterAgainItRegistersAtOnceListingWhatItHoldsAndResendsItsOutcomes() {
        book.started(M0, new Running());
        book.started(M1, new Running());
        runner.held.add(M1);
        loop.start();
        timer.runDue();
        book.ended(M1, finished(M1));
        master.heartbeatAnswers.add(new HeartbeatResponse(true, List.of(), List.of(), List.of(), List.of()));
        master.registerAnswers.add(new RegisterResponse(8, List.of(M0.toString())));
        timer.advance(INTERVAL);

        assertEquals(List.of("register@0", "heartbeat@0", "heartbeat@1000", "register@1000", "heartbeat@1000"), master.calls);
        assertEquals(1, master.unregistered, "the client forgot the old incarnation");
        RegisterRequest again = last(master.registrations);
        assertEquals(List.of(M0.toString(), M1.toString()), again.running(), "every attempt it holds, the ended one included");
        assertEquals(List.of(M1.toString()), again.mapOutputs());
        assertEquals(List.of("kill " + M0), runner.orders, "what the master does not take on is dropped");
        HeartbeatRequest next = last(master.heartbeats);
        assertEquals(8, next.incarnation());
        assertTrue(next.reports().contains(finished(M1)), "the outcome the ignored heartbeat carried goes again: " + next.reports());
    }

    @Test
    void theOrdersInAnAnswerReachTheRunnerKillsFirstAndAssignmentsLast() {
        loop.start();
        timer.runDue();
        Assignment a = new Assignment(M1.toString(), "split", null, 2, 1, true, false);
        MapOutputs entries = new MapOutputs("job_0002_r_000000_0", List.of(new MapOutputEntry(0, "job_0002_m_000000_0", "w2:7999", false)), "t");
        master.heartbeatAnswers.add(new HeartbeatResponse(false, List.of(a), List.of(M0.toString()), List.of(entries), List.of("job_0003")));
        timer.advance(INTERVAL);
        assertEquals(List.of("kill " + M0, "cleanUp job_0003", "offer job_0002_r_000000_0", "start " + M1), runner.orders);
        assertEquals(List.of(a), runner.started);
        assertEquals(List.of(entries), runner.offered);
    }

    @Test
    void refusedCredentialsStopTheLoopAndTellTheDaemon() {
        master.registerAnswers.add(new MasterClient.CredentialsRefused("the master answered POST /api/v1/workers/register with 401"));
        loop.start();
        timer.advance(60 * INTERVAL);
        assertEquals(List.of("register@0"), master.calls, "no second try: the same credentials cannot help");
        assertEquals(List.of("refused"), refused);
    }

    @Test
    void nothingIsSentAfterStop() {
        loop.start();
        timer.runDue();
        timer.advance(INTERVAL / 2);
        loop.stop();
        loop.wakeUp();
        timer.advance(10 * INTERVAL);
        assertEquals(List.of("register@0", "heartbeat@0"), master.calls);
        assertEquals(List.of(), runner.orders);
    }

    @Test
    void aHeartbeatInFlightWhenStoppedIsTheLast() {
        loop.start();
        timer.runDue();
        master.duringHeartbeat = once(loop::stop);
        timer.advance(INTERVAL);
        timer.advance(10 * INTERVAL);
        assertEquals(List.of("register@0", "heartbeat@0", "heartbeat@1000"), master.calls);
        assertEquals(0, timer.pending(), "nothing left scheduled");
    }

    static AttemptReport finished(AttemptId a) {
        return new AttemptReport(a.toString(), AttemptReport.FINISHED, 1, 0, null, null, null);
    }

    static Runnable once(Runnable r) {
        boolean[] ran = {false};
        return () -> {
            if (!ran[0]) r.run();
            ran[0] = true;
        };
    }

    static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    /** A manual clock and the executor that runs on it: steps run on the test's thread when the test moves the time. */
    static final class ManualTimer implements HeartbeatLoop.Timer {
        private record Due(long atMs, long seq, Runnable step) {}

        private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
        private long now;
        private long seq;
        long lastCallAt = -1;

        @Override
        public void schedule(Runnable step, long delayMs) {
            assertTrue(delayMs >= 0, "delay " + delayMs);
            queue.add(new Due(now + delayMs, seq++, step));
        }

        long now() {
            return now;
        }

        /** Runs what is due now, and what that schedules at once. */
        void runDue() {
            advance(0);
        }

        /** Moves the clock {@code ms} ahead, running each step when its time comes, in order. */
        void advance(long ms) {
            long until = now + ms;
            while (!queue.isEmpty() && queue.peek().atMs <= until) {
                Due d = queue.poll();
                now = d.atMs;
                d.step.run();
            }
            now = until;
        }

        void advanceTo(long ms) {
            assertTrue(ms >= now, "the clock does not go back");
            advance(ms - now);
        }

        /** Steps scheduled and not yet run (stale ones, which do nothing, included). */
        int pending() {
            return queue.size();
        }
    }

    /** A master that answers from a script (a response, or an exception to throw), by default: incarnation 7, no orders. */
    final class ScriptedMaster implements HeartbeatLoop.Master {
        final Deque<Object> registerAnswers = new ArrayDeque<>();
        final Deque<Object> heartbeatAnswers = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        final List<RegisterRequest> registrations = new ArrayList<>();
        final List<HeartbeatRequest> heartbeats = new ArrayList<>();
        final List<Long> heartbeatTimes = new ArrayList<>();
        Runnable duringHeartbeat = () -> { };
        int unregistered;

        @Override
        public String url() {
            return "http://master.test:1";
        }

        @Override
        public RegisterResponse register(RegisterRequest request) throws IOException {
            calls.add("register@" + timer.now());
            timer.lastCallAt = timer.now();
            registrations.add(request);
            return answer(registerAnswers, new RegisterResponse(7), RegisterResponse.class);
        }

        @Override
        public HeartbeatResponse heartbeat(HeartbeatRequest request) throws IOException {
            calls.add("heartbeat@" + timer.now());
            timer.lastCallAt = timer.now();
            heartbeats.add(request);
            heartbeatTimes.add(timer.now());
            duringHeartbeat.run();
            return answer(heartbeatAnswers, new HeartbeatResponse(false, List.of(), List.of(), List.of(), List.of()), HeartbeatResponse.class);
        }

        @Override
        public void unregistered() {
            unregistered++;
        }

        private <T> T answer(Deque<Object> script, T otherwise, Class<T> type) throws IOException {
            Object next = script.isEmpty() ? otherwise : script.poll();
            if (next instanceof IOException e) throw e;
            return type.cast(next);
        }
    }

    /** The task runner's side: records the orders it is given, in order. */
    static final class RecordingRunner implements HeartbeatLoop.Runner {
        final List<String> orders = new ArrayList<>();
        final List<Assignment> started = new ArrayList<>();
        final List<MapOutputs> offered = new ArrayList<>();
        final List<AttemptId> held = new ArrayList<>();

        @Override
        public int freeSlots() {
            return 2;
        }

        @Override
        public List<AttemptId> heldOutputs() {
            return List.copyOf(held);
        }

        @Override
        public List<ExecutorView> executorViews() {
            return List.of();
        }

        @Override
        public void kill(String attempt) {
            orders.add("kill " + attempt);
        }

        @Override
        public void cleanUpJob(String jobId) {
            orders.add("cleanUp " + jobId);
        }

        @Override
        public void offer(MapOutputs entries) {
            orders.add("offer " + entries.reduceAttempt());
            offered.add(entries);
        }

        @Override
        public void start(Assignment assignment) {
            orders.add("start " + assignment.attempt());
            started.add(assignment);
        }
    }

    /** A running attempt's figures: halfway, nothing to say. */
    static final class Running implements AttemptBook.Live {
        @Override
        public double progress() {
            return 0.5;
        }

        @Override
        public int mapOutputsKnown() {
            return 0;
        }

        @Override
        public String statusMessage() {
            return null;
        }
    }
}
