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
import dev.mr.dfs.chunkmap.ChunkEvent.ChunksReported;
import dev.mr.dfs.chunkmap.ChunkEvent.CopyFailed;
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
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chunk map's decisions must keep data safe at a scale no mini cluster reaches: thousands
 * of servers and chunks, servers dying, coming back (disk intact or wiped), replicas rotting
 * and copies failing at random. A seeded world carries out the map's orders; after every step
 * the invariants are checked: no server ever holds two replicas of a chunk, a deletion never
 * destroys the last intact copy, good replicas are never trimmed below replication, copies in
 * flight respect the per-server bound and go to the most endangered chunks first, no chunk
 * sits on its last live replica for long while a copy is possible; and once
 * failures stop, every chunk that still exists returns to full replication with no surplus.
 * A failure prints the seed; rerun it with {@code -Ddfs.sim.seed=N}; soak with {@code -Ddfs.sim.runs=N} random seeds.
 */
class ChunkMapSimulationTest {

    static final int SERVERS = 2000;
    static final int CHUNKS = 10_000;
    static final int REPLICATION = 3;
    static final long STEP_MS = 1000;
    static final long EXPIRY_MS = 3000;
    static final int COPIES_PER_SERVER = 4;
    static final int LEN = 1 << 20;
    static final long COPY_TIMEOUT_MS = 4 * STEP_MS;
    /**
     * Steps a chunk may sit at a single live intact replica although a copy is possible: the
     * death must be noticed (expiry), and copies fail silently one time in twenty (each costs a
     * timeout); five in a row is a one-in-three-million event.
     */
    static final int AT_RISK_STEPS = (int) (EXPIRY_MS / STEP_MS) + 5 * (int) (COPY_TIMEOUT_MS / STEP_MS) + 3;

    @Test
    void invariantsHoldUnderRandomFailures() {
        String fixed = System.getProperty("dfs.sim.seed");
        int runs = Integer.getInteger("dfs.sim.runs", 1);
        List<Long> seeds = new ArrayList<>();
        if (fixed != null) {
            seeds.add(Long.parseLong(fixed));
        } else {
            seeds.add(1L);
            for (int i = 0; i < runs; i++) seeds.add(new Random().nextLong());
        }
        for (long seed : seeds) {
            try {
                new World(seed).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("chunk map simulation failed with seed " + seed + " (rerun with -Ddfs.sim.seed=" + seed + "): "
                        + e.getMessage(), e);
            }
        }
    }

    /** The physical world the map governs: disks, liveness, and orders in transit. */
    static final class World {
        final Random rnd;
        final ChunkMap map;
        long now;
        final List<ServerId> ids = new ArrayList<>();
        final Map<ServerId, Set<ChunkId>> disk = new HashMap<>();
        final Map<ServerId, Set<ChunkId>> rotten = new HashMap<>();
        final Set<ServerId> up = new HashSet<>();
        /** Servers whose disk holds each chunk (intact or rotten). */
        final Map<ChunkId, Set<ServerId>> holders = new HashMap<>();
        /** Restarted servers: they send a full report with their first heartbeat, as real ones do. */
        final Set<ServerId> restarted = new HashSet<>();
        final Map<ChunkId, Integer> replication = new HashMap<>();
        List<ChunkEffect> inTransit = new ArrayList<>();
        final Map<ServerId, List<ChunkEvent>> pendingReports = new HashMap<>();
        int lost;
        int step;
        /** The step since which each chunk has had exactly one live intact replica. */
        final Map<ChunkId, Integer> atRiskSince = new HashMap<>();

        World(long seed) {
            rnd = new Random(seed);
            map = new ChunkMap(new ChunkMap.Limits(EXPIRY_MS, COPY_TIMEOUT_MS, COPIES_PER_SERVER), seed, 0, false);
            for (int i = 0; i < SERVERS; i++) {
                ServerId id = new ServerId(String.format("s%05d", i));
                ids.add(id);
                disk.put(id, new HashSet<>());
                rotten.put(id, new HashSet<>());
                up.add(id);
            }
        }

        void run() {
            heartbeats();
            for (int i = 0; i < CHUNKS; i++) allocate(new ChunkId(i + 1));
            for (int step = 0; step < 120; step++) step(true);
            // failures stop; everyone who will come back does
            for (ServerId s : ids) if (!up.contains(s) && rnd.nextInt(3) > 0) revive(s, rnd.nextBoolean());
            for (int step = 0; step < 400 && !converged(); step++) step(false);
            assertTrue(converged(), "no convergence after failures stopped");
            checkFinal();
        }

        void allocate(ChunkId c) {
            int r = 1 + rnd.nextInt(REPLICATION + 1);
            replication.put(c, r);
            PlaceChunk p = (PlaceChunk) map.apply(new ChunkAllocated(now, c, r, LEN, null)).get(0);
            assertEquals(Math.min(r, up.size()), p.servers().size());
            assertEquals(p.servers().size(), new HashSet<>(p.servers()).size(), "placement on distinct servers");
            for (ServerId s : p.servers()) store(s, c);
            List<ChunkEffect> out = map.apply(new ChunkCommitted(now, c, LEN, 7, p.servers()));
            assertTrue(out.isEmpty());
        }

        void step(boolean failures) {
            now += STEP_MS;
            carryOut(inTransit);
            inTransit = new ArrayList<>();
            if (failures) randomTrouble();
            heartbeats();
            List<ChunkEffect> effects = map.apply(new Ticked(now));
            check(effects);
            inTransit.addAll(effects);
            checkAtRisk();
            step++;
        }

        /** No chunk sits on its last replica for long while another server could take a copy. */
        void checkAtRisk() {
            for (Map.Entry<ChunkId, Integer> e : replication.entrySet()) {
                ChunkId c = e.getKey();
                int live = 0;
                for (ServerId s : holders.getOrDefault(c, Set.of())) if (up.contains(s) && !rotten.get(s).contains(c)) live++;
                if (live != 1 || e.getValue() < 2) {
                    atRiskSince.remove(c);
                    continue;
                }
                int since = atRiskSince.computeIfAbsent(c, k -> step);
                assertTrue(step - since <= AT_RISK_STEPS, c + " has sat on one live replica for " + (step - since)
                        + " steps although copies were possible");
            }
        }

        void randomTrouble() {
            for (int i = 0; i < 3; i++) {
                ServerId s = ids.get(rnd.nextInt(SERVERS));
                if (up.contains(s) && rnd.nextInt(4) == 0) up.remove(s);
                else if (!up.contains(s) && rnd.nextInt(3) == 0) revive(s, rnd.nextInt(4) == 0);
            }
            if (rnd.nextInt(2) == 0) {
                ServerId s = ids.get(rnd.nextInt(SERVERS));
                List<ChunkId> held = new ArrayList<>(disk.get(s));
                if (!held.isEmpty()) {
                    ChunkId c = held.get(rnd.nextInt(held.size()));
                    rotten.get(s).add(c);
                    if (up.contains(s)) report(s, new ReplicaCorrupted(now, s, c));
                }
            }
        }

        void revive(ServerId s, boolean wiped) {
            up.add(s);
            restarted.add(s);
            pendingReports.remove(s);
            if (wiped) {
                for (ChunkId c : new ArrayList<>(disk.get(s))) drop(s, c);
            }
        }

        void store(ServerId s, ChunkId c) {
            disk.get(s).add(c);
            holders.computeIfAbsent(c, k -> new HashSet<>()).add(s);
        }

        void drop(ServerId s, ChunkId c) {
            disk.get(s).remove(c);
            rotten.get(s).remove(c);
            Set<ServerId> h = holders.get(c);
            if (h != null) h.remove(s);
        }

        void report(ServerId s, ChunkEvent e) {
            pendingReports.computeIfAbsent(s, k -> new ArrayList<>()).add(e);
        }

        void heartbeats() {
            for (ServerId s : ids) {
                if (!up.contains(s)) continue;
                inTransit.addAll(map.apply(new ServerHeartbeated(now, s, s + ":1", 1L << 40)));
                if (map.needsReport(s) | restarted.remove(s)) {
                    List<Replica> all = new ArrayList<>();
                    for (ChunkId c : disk.get(s)) all.add(new Replica(c, LEN, 7));
                    inTransit.addAll(map.apply(new ChunksReported(now, s, all)));
                    for (ChunkId c : rotten.get(s)) inTransit.addAll(map.apply(new ReplicaCorrupted(now, s, c)));
                    pendingReports.remove(s);
                }
                List<ChunkEvent> events = pendingReports.remove(s);
                if (events != null) for (ChunkEvent e : events) inTransit.addAll(map.apply(e));
            }
        }

        /** The world carries out orders a step after they were given: copies may fail, deletions happen. */
        void carryOut(List<ChunkEffect> effects) {
            for (ChunkEffect e : effects) {
                if (e instanceof CopyChunk cc) {
                    boolean ok = up.contains(cc.target()) && up.contains(cc.source()) && disk.get(cc.source()).contains(cc.chunk())
                            && !rotten.get(cc.source()).contains(cc.chunk()) && rnd.nextInt(10) > 0;
                    if (ok) {
                        store(cc.target(), cc.chunk());
                        report(cc.target(), new ReplicaAdded(now, cc.target(), new Replica(cc.chunk(), LEN, 7)));
                    } else if (up.contains(cc.target()) && rnd.nextBoolean()) {
                        report(cc.target(), new CopyFailed(now, cc.target(), cc.chunk()));
                    }
                } else if (e instanceof DeleteReplica d) {
                    if (!up.contains(d.server())) continue;
                    boolean wasGood = disk.get(d.server()).contains(d.chunk()) && !rotten.get(d.server()).contains(d.chunk());
                    drop(d.server(), d.chunk());
                    if (wasGood && replication.containsKey(d.chunk())) {
                        assertTrue(intactCopies(d.chunk()) > 0, "deleting " + d.chunk() + " on " + d.server()
                                + " destroyed its last intact copy (" + d.reason() + ")");
                    }
                    report(d.server(), new ReplicaRemoved(now, d.server(), d.chunk()));
                }
            }
        }

        int intactCopies(ChunkId c) {
            int n = 0;
            for (ServerId s : holders.getOrDefault(c, Set.of())) if (!rotten.get(s).contains(c)) n++;
            return n;
        }

        /** Checks the orders of one tick and the map's bookkeeping. */
        void check(List<ChunkEffect> effects) {
            int lastGood = 0;
            for (ChunkEffect e : effects) {
                if (e instanceof CopyChunk cc) {
                    assertFalse(disk.get(cc.target()).contains(cc.chunk()), "copy of " + cc.chunk() + " to " + cc.target()
                            + ", which already holds it: two replicas on one server");
                    int good = map.goodReplicas(cc.chunk()).size();
                    assertTrue(good >= lastGood, "copies out of priority order: " + cc.chunk() + " has " + good
                            + " good replicas, after a chunk with " + lastGood);
                    lastGood = good;
                } else if (e instanceof DeleteReplica d && replication.containsKey(d.chunk())) {
                    List<ServerId> good = map.goodReplicas(d.chunk());
                    assertFalse(good.contains(d.server()), "deleting a replica still counted good");
                    assertFalse(good.isEmpty(), "deleting " + d.chunk() + " on " + d.server() + " with no good replica left");
                    if (d.reason().startsWith("surplus")) {
                        assertEquals((int) replication.get(d.chunk()), good.size(), "surplus trimmed below replication");
                    }
                }
            }
            Map<ServerId, ChunkMap.ServerView> views = new HashMap<>();
            for (ChunkMap.ServerView v : map.servers()) {
                assertTrue(v.copiesAsSource() <= COPIES_PER_SERVER && v.copiesAsTarget() <= COPIES_PER_SERVER,
                        v.id() + " has " + v.copiesAsSource() + "/" + v.copiesAsTarget() + " copies in flight");
                views.put(v.id(), v);
            }
            // a chunk down to one good replica is being copied after every tick, unless its only source is busy
            for (Map.Entry<ChunkId, Integer> e : replication.entrySet()) {
                if (e.getValue() < 2) continue;
                List<ServerId> good = map.goodReplicas(e.getKey());
                if (good.size() != 1 || !map.copyTargets(e.getKey()).isEmpty()) continue;
                assertEquals(COPIES_PER_SERVER, views.get(good.get(0)).copiesAsSource(), e.getKey()
                        + " is down to one good replica, its source has capacity, and no copy was ordered");
            }
        }

        boolean converged() {
            if (map.copiesInFlight() > 0 || !inTransit.isEmpty()) return false;
            int live = up.size();
            for (Map.Entry<ChunkId, Integer> e : replication.entrySet()) {
                ChunkId c = e.getKey();
                if (!hasLiveIntactCopy(c)) continue;
                List<ServerId> good = map.goodReplicas(c);
                if (good.size() != Math.min(e.getValue(), live)) return false;
                // the map's view must have caught up with the world: dead servers expired, rot reported
                for (ServerId s : good) if (!up.contains(s) || rotten.get(s).contains(c)) return false;
            }
            return true;
        }

        boolean hasLiveIntactCopy(ChunkId c) {
            for (ServerId s : holders.getOrDefault(c, Set.of())) if (up.contains(s) && !rotten.get(s).contains(c)) return true;
            return false;
        }

        void checkFinal() {
            for (Map.Entry<ChunkId, Integer> e : replication.entrySet()) {
                ChunkId c = e.getKey();
                if (!hasLiveIntactCopy(c)) {
                    lost++;
                    continue;
                }
                List<ServerId> good = map.goodReplicas(c);
                assertEquals(new HashSet<>(good).size(), good.size());
                for (ServerId s : good) {
                    assertTrue(up.contains(s) && disk.get(s).contains(c) && !rotten.get(s).contains(c),
                            "the map counts " + c + " on " + s + " but it is not there intact");
                }
            }
            // losses happen only when every holder died or rotted before a copy could be made (checkAtRisk)
        }
    }
}
