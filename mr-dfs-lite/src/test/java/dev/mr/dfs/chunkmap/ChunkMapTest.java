package dev.mr.dfs.chunkmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.chunkmap.ChunkEffect.CopyChunk;
import dev.mr.dfs.chunkmap.ChunkEffect.DeleteReplica;
import dev.mr.dfs.chunkmap.ChunkEffect.PlaceChunk;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunkAllocated;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunkCommitted;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunkRestored;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunksReported;
import dev.mr.dfs.chunkmap.ChunkEvent.ReplicaAdded;
import dev.mr.dfs.chunkmap.ChunkEvent.ReplicaCorrupted;
import dev.mr.dfs.chunkmap.ChunkEvent.ReplicaRemoved;
import dev.mr.dfs.chunkmap.ChunkEvent.ServerHeartbeated;
import dev.mr.dfs.chunkmap.ChunkEvent.Ticked;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chunk map makes every placement and repair decision of the store; these cases pin each
 * rule down with a manual clock: distinct placement, repair after a death (most endangered
 * first, bounded copies), trimming after a return, corrupt and orphaned replicas, safe mode.
 */
class ChunkMapTest {

    static final long EXPIRY = 1000;
    static final int LEN = 100;
    static final int DIGEST = 42;

    long now = 0;
    ChunkMap map = new ChunkMap(new ChunkMap.Limits(EXPIRY, 5000, 2), 7, 0, false);

    static ServerId s(int i) {
        return new ServerId("s" + i);
    }

    static ChunkId c(int i) {
        return new ChunkId(i);
    }

    List<ChunkEffect> beat(int... servers) {
        List<ChunkEffect> out = new ArrayList<>();
        for (int i : servers) {
            out.addAll(map.apply(new ServerHeartbeated(now, s(i), "h" + i + ":1", 1L << 40)));
            if (map.needsReport(s(i))) out.addAll(map.apply(new ChunksReported(now, s(i), List.of())));
        }
        return out;
    }

    /** A committed chunk of replication {@code r} on the given servers. */
    void chunk(int id, int r, int... on) {
        map.apply(new ChunkAllocated(now, c(id), r, LEN, null));
        List<ServerId> acked = new ArrayList<>();
        for (int i : on) acked.add(s(i));
        map.apply(new ChunkCommitted(now, c(id), LEN, DIGEST, acked));
    }

    List<ChunkEffect> tick(long advance) {
        now += advance;
        return map.apply(new Ticked(now));
    }

    static <T> List<T> only(List<ChunkEffect> effects, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ChunkEffect e : effects) if (type.isInstance(e)) out.add(type.cast(e));
        return out;
    }

    @Test
    void placesReplicasOnDistinctLiveServersNearOneFirst() {
        beat(1, 2, 3, 4, 5);
        for (int i = 0; i < 50; i++) {
            PlaceChunk p = (PlaceChunk) map.apply(new ChunkAllocated(now, c(i), 3, LEN, s(4))).get(0);
            assertEquals(3, p.servers().size());
            assertEquals(3, new HashSet<>(p.servers()).size(), "distinct servers");
            assertEquals(s(4), p.servers().get(0), "the writer's own server first");
        }
    }

    @Test
    void placesOnAllLiveServersWhenTooFewAndSaysSo() {
        beat(1, 2);
        PlaceChunk p = (PlaceChunk) map.apply(new ChunkAllocated(now, c(1), 3, LEN, null)).get(0);
        assertEquals(Set.of(s(1), s(2)), Set.copyOf(p.servers()));
        assertEquals(3, p.requested());
    }

    @Test
    void copiesTheChunksOfADeadServerMostEndangeredFirst() {
        beat(1, 2, 3, 4, 5);
        chunk(1, 3, 1, 2, 3);   // loses one replica: 2 left
        chunk(2, 3, 1, 4, 5);   // loses one replica: 2 left
        chunk(3, 3, 1, 2);      // already short: 1 left after the death
        now += 600;
        beat(2, 3, 4, 5);
        now += 600;
        beat(2, 3, 4, 5);
        List<ChunkEffect> effects = tick(1);
        assertEquals(1, only(effects, ChunkEffect.DeclareServerDead.class).size());
        List<CopyChunk> copies = only(effects, CopyChunk.class);
        assertEquals(c(3), copies.get(0).chunk(), "the chunk down to one replica is copied first");
        Map<ChunkId, Integer> perChunk = new HashMap<>();
        for (CopyChunk cc : copies) {
            perChunk.merge(cc.chunk(), 1, Integer::sum);
            assertFalse(map.goodReplicas(cc.chunk()).contains(cc.target()), "never to a server already holding it");
            assertTrue(map.goodReplicas(cc.chunk()).contains(cc.source()), "always from a good replica");
        }
        assertEquals(2, perChunk.get(c(3)), "1 of 3: two copies");
    }

    @Test
    void boundsCopiesPerServer() {
        beat(1, 2, 3, 4);
        for (int i = 0; i < 20; i++) chunk(i, 3, 1, 2);
        List<CopyChunk> copies = only(tick(1), CopyChunk.class);
        Map<ServerId, Integer> asSource = new HashMap<>();
        Map<ServerId, Integer> asTarget = new HashMap<>();
        for (CopyChunk cc : copies) {
            asSource.merge(cc.source(), 1, Integer::sum);
            asTarget.merge(cc.target(), 1, Integer::sum);
        }
        asSource.values().forEach(n -> assertTrue(n <= 2, "copies from one server: " + n));
        asTarget.values().forEach(n -> assertTrue(n <= 2, "copies to one server: " + n));
        assertEquals(4, copies.size(), "two targets, two copies each");
    }

    @Test
    void aServerThatComesBackIsTrimmedToReplicationNeverBelow() {
        beat(1, 2, 3, 4);
        chunk(1, 3, 1, 2, 3);
        now += 1100;
        beat(2, 3, 4);
        CopyChunk copy = only(tick(1), CopyChunk.class).get(0);
        assertEquals(s(4), copy.target());
        map.apply(new ReplicaAdded(now, s(4), new Replica(c(1), LEN, DIGEST)));
        assertEquals(ChunkHealth.HEALTHY, map.health(c(1)));
        // server 1 returns with its disk intact
        map.apply(new ServerHeartbeated(now, s(1), "h1:1", 1L << 40));
        assertTrue(map.needsReport(s(1)), "a returning server must report before it counts");
        map.apply(new ChunksReported(now, s(1), List.of(new Replica(c(1), LEN, DIGEST))));
        assertEquals(4, map.goodReplicas(c(1)).size());
        List<DeleteReplica> deletes = only(tick(1), DeleteReplica.class);
        assertEquals(1, deletes.size(), "exactly the surplus goes");
        assertEquals(3, map.goodReplicas(c(1)).size());
        assertTrue(only(tick(1), DeleteReplica.class).isEmpty(), "and no more");
    }

    @Test
    void aReplicaTheWriterVouchedForSurvivesOneFullReportTakenBeforeItsCommit() {
        beat(1, 2, 3);
        chunk(1, 3, 1, 2, 3);
        // server 3 took this report before the chunk's write finished; it arrives after the commit
        map.apply(new ChunksReported(now, s(3), List.of()));
        assertEquals(3, map.goodReplicas(c(1)).size(), "a report older than the commit loses no replica");
        assertTrue(map.needsReport(s(3)), "and the master asks for a report taken after its answer");
        // that report is taken after the answer: a replica missing from it is gone
        map.apply(new ChunksReported(now, s(3), List.of()));
        assertEquals(Set.of(s(1), s(2)), Set.copyOf(map.goodReplicas(c(1))));
        assertFalse(map.needsReport(s(3)));
        // one the server has listed is its own news from then on: a report without it removes it at once
        map.apply(new ChunksReported(now, s(2), List.of(new Replica(c(1), LEN, DIGEST))));
        map.apply(new ChunksReported(now, s(2), List.of()));
        assertEquals(List.of(s(1)), map.goodReplicas(c(1)));
    }

    @Test
    void aCorruptReplicaIsDeletedThenReplacedOnTheSameServerWhenNoOtherFits() {
        beat(1, 2, 3);
        chunk(1, 3, 1, 2, 3);
        map.apply(new ReplicaCorrupted(now, s(1), c(1)));
        assertEquals(ChunkHealth.UNDER_REPLICATED, map.health(c(1)));
        List<ChunkEffect> effects = tick(1);
        assertEquals(List.of(new DeleteReplica(s(1), c(1), "replica failed its checksums")), only(effects, DeleteReplica.class));
        assertTrue(only(effects, CopyChunk.class).isEmpty(), "server 1 still holds the bad copy");
        map.apply(new ReplicaRemoved(now, s(1), c(1)));
        CopyChunk copy = only(tick(1), CopyChunk.class).get(0);
        assertEquals(s(1), copy.target());
    }

    @Test
    void theLastReplicaIsKeptEvenWhenCorrupt() {
        beat(1, 2, 3);
        chunk(1, 3, 1);
        map.apply(new ReplicaCorrupted(now, s(1), c(1)));
        List<ChunkEffect> effects = tick(1);
        assertTrue(only(effects, DeleteReplica.class).isEmpty());
        assertTrue(only(effects, CopyChunk.class).isEmpty(), "nothing good to copy from");
        assertEquals(ChunkHealth.CORRUPT, map.health(c(1)));
    }

    @Test
    void orphanedAndMismatchedReplicasAreDeleted() {
        beat(1, 2, 3);
        chunk(1, 1, 1);
        List<ChunkEffect> effects = map.apply(new ChunksReported(now, s(2),
                List.of(new Replica(c(99), 5, 1), new Replica(c(1), LEN, DIGEST + 1))));
        List<DeleteReplica> deletes = only(effects, DeleteReplica.class);
        assertEquals(Set.of(c(99), c(1)), Set.of(deletes.get(0).chunk(), deletes.get(1).chunk()));
        assertEquals(List.of(s(1)), map.goodReplicas(c(1)), "a replica with another digest never counts");
    }

    @Test
    void safeModeWaitsForReportsBeforeRepairingOrDeletingAnything() {
        map = new ChunkMap(new ChunkMap.Limits(EXPIRY, 5000, 2), 7, 0, true);
        map.apply(new ChunkRestored(0, c(1), 2, LEN, DIGEST, true));
        map.apply(new ServerHeartbeated(now, s(1), "h1:1", 1L << 40));
        map.apply(new ServerHeartbeated(now, s(2), "h2:1", 1L << 40));
        List<ChunkEffect> report = map.apply(new ChunksReported(now, s(2), List.of(new Replica(c(77), 1, 1))));
        assertTrue(report.isEmpty(), "orphans are left alone in safe mode");
        assertTrue(tick(100).isEmpty());
        assertTrue(map.safeMode());
        assertEquals(ChunkHealth.MISSING, map.health(c(1)));
        List<ChunkEffect> leave = map.apply(new ChunksReported(now, s(1), List.of(new Replica(c(1), LEN, DIGEST))));
        assertTrue(leave.isEmpty());
        List<ChunkEffect> effects = tick(100);
        assertEquals(1, only(effects, ChunkEffect.LeaveSafeMode.class).size());
        assertFalse(map.safeMode());
        assertEquals(s(2), only(effects, CopyChunk.class).get(0).target(), "repairs start once out of safe mode");
        assertEquals(List.of(new DeleteReplica(s(2), c(77), "no file holds this chunk")), only(effects, DeleteReplica.class),
                "orphans seen in safe mode are reclaimed when it ends");
    }

    @Test
    void safeModeEndsAfterOneExpiryEvenWithChunksMissing() {
        map = new ChunkMap(new ChunkMap.Limits(EXPIRY, 5000, 2), 7, 0, true);
        map.apply(new ChunkRestored(0, c(1), 2, LEN, DIGEST, true));
        assertTrue(tick(EXPIRY - 1).isEmpty());
        assertEquals(1, only(tick(1), ChunkEffect.LeaveSafeMode.class).size());
    }

    @Test
    void aCopyThatNeverCompletesIsPlannedAgain() {
        beat(1, 2, 3);
        chunk(1, 2, 1);
        CopyChunk first = only(tick(1), CopyChunk.class).get(0);
        assertTrue(only(tick(1), CopyChunk.class).isEmpty(), "one copy in flight is enough");
        now += 5000;
        beat(1, 2, 3);
        CopyChunk again = only(tick(1), CopyChunk.class).get(0);
        assertEquals(first.chunk(), again.chunk());
    }
}
