package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.Harness.assigned;
import static dev.mr.master.scheduler.Harness.failed;
import static dev.mr.master.scheduler.Harness.map;
import static dev.mr.master.scheduler.Harness.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.Effect.AssignAttempt;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A map runs where its data is whichever store names the hosts: dfs-lite names a chunk server by its
 * {@code host:port}, HDFS a DataNode by host name and address. A worker goes by its registered
 * {@code host} and by the host names and addresses of its machine, and a split naming any of them
 * is local to it, for the choice of a map and for the attempt's data-local flag alike.
 */
class LocalityTest {

    private final Harness h = new Harness();

    /** Maps 0, 1, 2 on DataNodes dn-a, dn-b, dn-c, named as HDFS names them: host name, then address. */
    private void submitHdfsJob() {
        h.submit("job_0001", JobSettings.defaults(), 0, List.of(
                List.of("dn-a", "10.0.0.1"), List.of("dn-b", "10.0.0.2"), List.of("dn-c", "10.0.0.3")));
    }

    @Test
    void aSplitNamingTheWorkersHostNameIsLocalToIt() {
        h.register("w1", "10.0.0.2:7071", List.of("dn-b"), 1);
        submitHdfsJob();
        AssignAttempt a = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 1, 0), a.attempt(), "map 1's block is on dn-b: it goes before maps 0 and 2");
        assertTrue(a.dataLocal());
        assertTrue(h.attempt(a.attempt()).dataLocal(), "the attempt's locality, as the job page shows it, follows the same rule");
    }

    @Test
    void aSplitNamingTheWorkersAddressIsLocalToIt() {
        h.register("w1", "worker-3:7071", List.of("worker-3.example.com", "10.0.0.3"), 1);
        submitHdfsJob();
        AssignAttempt a = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 2, 0), a.attempt());
        assertTrue(a.dataLocal());
    }

    @Test
    void hostNamesCompareIgnoringCaseAsDnsDoes() {
        h.register("w1", "n1:7071", List.of("DN-C"), 1);
        submitHdfsJob();
        AssignAttempt a = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 2, 0), a.attempt());
        assertTrue(a.dataLocal());
    }

    @Test
    void aWorkerWithoutOtherNamesStillMatchesDfsReplicasByHostAndPort() {
        h.register("w1", "dn-b:7071", 2);
        h.submit("job_0001", JobSettings.defaults(), 0, List.of(List.of("dn-a:7071"), List.of("dn-b"), List.of("dn-b:7071")));
        List<AssignAttempt> as = only(h.heartbeat("w1"), AssignAttempt.class);
        assertEquals(map("job_0001", 2, 0), as.get(0).attempt(), "its chunk server's host:port holds map 2's replica");
        assertTrue(as.get(0).dataLocal());
        assertEquals(map("job_0001", 0, 0), as.get(1).attempt(), "a bare host name is not its host:port: no local map is left");
        assertFalse(as.get(1).dataLocal());
        assertEquals(TaskState.WAITING, h.task(map("job_0001", 1, 0).task()).state(), "map 1 waits");
    }

    @Test
    void aWorkerOnNoneOfTheBlocksHostsRunsAnyMapNotLocally() {
        h.register("w1", "dn-z:7071", List.of("dn-z", "10.0.0.26"), 1);
        submitHdfsJob();
        AssignAttempt a = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 0, 0), a.attempt());
        assertFalse(a.dataLocal());
    }

    @Test
    void aReRunIsQueuedUnderItsBlocksHostsAgain() {
        h.register("wa", "10.0.0.1:7071", List.of("dn-a"), 1);
        h.register("wb", "10.0.0.2:7071", List.of("dn-b"), 3);
        submitHdfsJob();
        assertEquals(List.of(map("job_0001", 1, 0), map("job_0001", 0, 0), map("job_0001", 2, 0)), assigned(h.heartbeat("wb")),
                "wa has not asked yet: wb takes its local map, then the others");
        h.advance(100);
        assertTrue(assigned(h.heartbeat("wb", 0, failed(map("job_0001", 2, 0), "disk error"), failed(map("job_0001", 0, 0), "disk error")))
                .isEmpty());
        List<AssignAttempt> again = only(h.heartbeat("wa"), AssignAttempt.class);
        assertEquals(map("job_0001", 0, 1), again.get(0).attempt(), "map 0's block is on dn-a: its re-run goes before map 2's, queued first");
        assertTrue(again.get(0).dataLocal());
    }

    @Test
    void theNamesBelongToTheIncarnationThatRegisteredThem() {
        h.register("w1", "n1:7071", List.of("dn-a"), 1);
        assertEquals(List.of("dn-a"), h.worker("w1").hostNames());
        h.advance(100);
        h.register("w1", "n1:7071", List.of("dn-c", "10.0.0.3"), 1); // restarted on another machine's name
        assertEquals(List.of("dn-c", "10.0.0.3"), h.worker("w1").hostNames());
        submitHdfsJob();
        AssignAttempt a = only(h.heartbeat("w1"), AssignAttempt.class).get(0);
        assertEquals(map("job_0001", 2, 0), a.attempt(), "dn-a is no longer one of its names");
    }

    @Test
    void whatARestartedMasterTakesOnIsLocalByTheNamesItsWorkerRegistersAgain() {
        AttemptId m0 = map("job_0001", 0, 0);
        AttemptId m1 = map("job_0001", 1, 0);
        h.on(new Event.JobResumed(h.now, "job_0001", JobSettings.defaults(), List.of(new MapSplit(0, 1000, List.of("dn-a", "10.0.0.1")),
                new MapSplit(1, 1000, List.of("dn-a"))), 1, 1, List.of(new Event.TaskDone(m0, Event.Stage.RUNNING, "wa", "http://wa", 50, -1, null),
                new Event.TaskDone(m1, Event.Stage.MAP_OUTPUT, "wa", "http://wa", 10, 20, Harness.counters(m1))), List.of()));
        h.advance(100);
        h.on(new Event.WorkerRegistered(h.now, "wa", "wa:7071", "http://wa", 1, List.of(m0), List.of(m1), List.of("dn-a")));
        assertEquals(AttemptState.RUNNING, h.attempt(m0).state(), "taken on");
        assertTrue(h.attempt(m0).dataLocal(), "the journal keeps no registration: the names come again with the worker's");
        assertTrue(h.attempt(m1).dataLocal(), "a finished map whose output it kept, too");
    }
}
