package dev.mr.worker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.Backoff;
import dev.mr.api.spi.TaskId;
import dev.mr.protocol.MapOutputEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fetch plan decides everything a reducer does in the shuffle: what to fetch next, what to
 * drop, when to retry and when to tell the master. Its rules follow the master's map output log,
 * where a mistake means a reducer that waits forever or merges a lost map output; these tests
 * drive it step by step with a manual clock.
 */
class FetchPlanTest {

    static final String JOB = "job_0001";
    static final FetchRetryPolicy POLICY = new FetchRetryPolicy(new Backoff(100, 1000), 2);

    static AttemptId map(int index, int attempt) {
        return TaskId.map(JOB, index).attempt(attempt);
    }

    static MapOutputEntry entry(int index, AttemptId m, String address) {
        return new MapOutputEntry(index, m.toString(), address, false);
    }

    static MapOutputEntry obsolete(int index, AttemptId m) {
        return new MapOutputEntry(index, m.toString(), "http://gone:1", true);
    }

    @Test
    void fetchesEveryMapOnceWithinTheParallelLimit() {
        FetchPlan plan = new FetchPlan(JOB, 3, POLICY);
        assertTrue(plan.due(0, 5).isEmpty(), "nothing is known yet");
        plan.received(List.of(entry(0, map(0, 0), "http://a:1"), entry(1, map(2, 0), "http://b:1"), entry(2, map(1, 0), "http://a:1")));
        assertEquals(3, plan.known());
        List<FetchPlan.Fetch> first = plan.due(0, 2);
        assertEquals(List.of(new FetchPlan.Fetch(map(0, 0), "http://a:1"), new FetchPlan.Fetch(map(1, 0), "http://a:1")), first,
                "in map order, at most two in flight");
        assertTrue(plan.due(0, 2).isEmpty());
        assertTrue(plan.succeeded(map(0, 0)));
        assertEquals(List.of(new FetchPlan.Fetch(map(2, 0), "http://b:1")), plan.due(0, 2));
        assertTrue(plan.succeeded(map(1, 0)));
        assertTrue(plan.succeeded(map(2, 0)));
        assertFalse(plan.succeeded(map(2, 0)), "a second success of the same output is dropped");
        assertTrue(plan.done());
        assertEquals(3, plan.fetched());
    }

    @Test
    void resentEntriesAreTakenOnce() {
        FetchPlan plan = new FetchPlan(JOB, 2, POLICY);
        plan.received(List.of(entry(0, map(0, 0), "http://a:1")));
        assertEquals(1, plan.due(0, 5).size());
        // the heartbeat that carried entry 0 failed to come back, so the master sends it again with entry 1
        plan.received(List.of(entry(0, map(0, 0), "http://a:1"), entry(1, map(1, 0), "http://a:1")));
        assertEquals(2, plan.known());
        assertEquals(List.of(new FetchPlan.Fetch(map(1, 0), "http://a:1")), plan.due(0, 5), "map 0 is not fetched twice");
    }

    @Test
    void failuresBackOffAndEveryOtherOneIsReported() {
        FetchPlan plan = new FetchPlan(JOB, 1, POLICY);
        plan.received(List.of(entry(0, map(0, 0), "http://a:1")));
        plan.due(1000, 5);
        assertFalse(plan.failed(map(0, 0), 1000));
        assertEquals(1100, plan.nextDue());
        assertTrue(plan.due(1099, 5).isEmpty(), "not before its backoff");
        assertEquals(1, plan.due(1100, 5).size());
        assertEquals(Long.MAX_VALUE, plan.nextDue(), "in flight: nothing waits for time");
        assertTrue(plan.failed(map(0, 0), 1200), "the second failure in a row is reported");
        assertEquals(1400, plan.nextDue());
        plan.due(1400, 5);
        assertTrue(plan.succeeded(map(0, 0)));
        assertTrue(plan.done());
    }

    @Test
    void anObsoleteOutputNotFetchedYetWaitsForItsReplacement() {
        FetchPlan plan = new FetchPlan(JOB, 1, POLICY);
        plan.received(List.of(entry(0, map(0, 0), "http://a:1")));
        plan.due(0, 5);
        plan.failed(map(0, 0), 0);
        plan.received(List.of(obsolete(1, map(0, 0))));
        assertTrue(plan.due(10_000, 5).isEmpty(), "nothing to fetch until the map is re-run");
        assertEquals(Long.MAX_VALUE, plan.nextDue());
        plan.received(List.of(entry(2, map(0, 1), "http://b:1")));
        assertEquals(List.of(new FetchPlan.Fetch(map(0, 1), "http://b:1")), plan.due(0, 5), "the replacement is tried at once");
        assertTrue(plan.succeeded(map(0, 1)));
        assertTrue(plan.done());
    }

    @Test
    void aFetchThatCompletesAfterItsOutputWasWithdrawnIsDropped() {
        FetchPlan plan = new FetchPlan(JOB, 1, POLICY);
        plan.received(List.of(entry(0, map(0, 0), "http://a:1")));
        plan.due(0, 5);
        plan.received(List.of(obsolete(1, map(0, 0)), entry(2, map(0, 1), "http://b:1")));
        assertEquals(List.of(new FetchPlan.Fetch(map(0, 1), "http://b:1")), plan.due(0, 5), "the replacement goes while the old one is in flight");
        assertFalse(plan.succeeded(map(0, 0)), "the withdrawn output arrived late: dropped");
        assertFalse(plan.failed(map(0, 0), 0), "nor does its failure count");
        assertFalse(plan.done());
        assertTrue(plan.succeeded(map(0, 1)));
        assertTrue(plan.done());
    }

    @Test
    void anOutputWithdrawnAfterItWasFetchedStaysFetched() {
        FetchPlan plan = new FetchPlan(JOB, 2, POLICY);
        plan.received(List.of(entry(0, map(0, 0), "http://a:1")));
        plan.due(0, 5);
        assertTrue(plan.succeeded(map(0, 0)));
        plan.received(List.of(obsolete(1, map(0, 0)), entry(2, map(0, 1), "http://b:1"), entry(3, map(1, 0), "http://b:1")));
        assertEquals(List.of(new FetchPlan.Fetch(map(1, 0), "http://b:1")), plan.due(0, 5), "map 0 is not fetched again");
        assertTrue(plan.succeeded(map(1, 0)));
        assertTrue(plan.done());
    }

    @Test
    void aLaterEntryReplacesAnOutputStillFailing() {
        FetchPlan plan = new FetchPlan(JOB, 1, POLICY);
        plan.received(List.of(entry(0, map(0, 0), "http://a:1")));
        plan.due(0, 5);
        plan.failed(map(0, 0), 0);
        plan.received(List.of(entry(1, map(0, 1), "http://b:1")));
        assertEquals(0, plan.nextDue(), "the new location is not held back by the old one's backoff");
        assertEquals(List.of(new FetchPlan.Fetch(map(0, 1), "http://b:1")), plan.due(0, 5));
    }

    @Test
    void entriesThatAreNotTheJobsMapsAreIgnoredWithAReason() {
        FetchPlan plan = new FetchPlan(JOB, 1, POLICY);
        List<String> why = plan.received(List.of(
                new MapOutputEntry(0, "nonsense", "http://a:1", false),
                new MapOutputEntry(1, TaskId.map("job_0002", 0).attempt(0).toString(), "http://a:1", false),
                new MapOutputEntry(2, TaskId.reduce(JOB, 0).attempt(0).toString(), "http://a:1", false),
                new MapOutputEntry(3, map(5, 0).toString(), "http://a:1", false),
                new MapOutputEntry(4, map(0, 0).toString(), "", false)));
        assertEquals(5, why.size(), why.toString());
        assertEquals(5, plan.known(), "ignored entries still count as received");
        assertTrue(plan.due(0, 5).isEmpty());
    }

    @Test
    void aJobWithoutMapsNeedsNothing() {
        assertTrue(new FetchPlan(JOB, 0, POLICY).done());
    }
}
