package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.chunkmap.ChunkEffect.CopyChunk;
import dev.mr.dfs.chunkmap.ChunkEffect.DeclareServerDead;
import dev.mr.dfs.chunkmap.ChunkEffect.DeleteReplica;
import dev.mr.dfs.chunkmap.ChunkEffect.LeaveSafeMode;
import dev.mr.dfs.chunkmap.ChunkEffect.PlaceChunk;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunkAllocated;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunkCommitted;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunkRestored;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunksDropped;
import dev.mr.dfs.chunkmap.ChunkEvent.ChunksReported;
import dev.mr.dfs.chunkmap.ChunkEvent.CopyFailed;
import dev.mr.dfs.chunkmap.ChunkEvent.ReplicaAdded;
import dev.mr.dfs.chunkmap.ChunkEvent.ReplicaCorrupted;
import dev.mr.dfs.chunkmap.ChunkEvent.ReplicaRemoved;
import dev.mr.dfs.chunkmap.ChunkEvent.ServerHeartbeated;
import dev.mr.dfs.chunkmap.ChunkEvent.Ticked;
import dev.mr.dfs.chunkmap.ReplicaEntry.State;
import dev.mr.dfs.chunkmap.ReplicaTransitions.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where every chunk's replicas are, and what to do about it: the placement of new chunks,
 * the death and return of chunk servers, re-replication of under-replicated chunks (most
 * endangered first, a bounded number of copies per server), trimming of surplus replicas and
 * deletion of corrupt and orphaned ones.
 *
 * <p>Pure: {@link #apply} takes one {@link ChunkEvent} carrying its time and returns the
 * {@link ChunkEffect}s to carry out. No clock, threads, I/O or unseeded randomness; iteration
 * is over ordered collections and ties break by id, so a run is reproducible from its seed and
 * its events. Not thread-safe: one thread owns it.
 *
 * <p>Invariants: a server holds at most one replica of a chunk; the last good replica of a
 * chunk is never ordered deleted, and surplus is trimmed only down to the chunk's replication;
 * in safe mode (after a restart, until reports have come in) nothing is copied or deleted.
 */
public final class ChunkMap {

    /** Tunables of the decisions. */
    public record Limits(long serverExpiryMs, long copyTimeoutMs, int copiesPerServer) {}

    /** A read-only view of one server. */
    public record ServerView(ServerId id, String address, boolean alive, long freeBytes, int replicas, long lastHeartbeat,
                             int copiesAsSource, int copiesAsTarget) {}

    private final Limits limits;
    private final Random random;
    private final ServerTable servers = new ServerTable();
    private final Map<ChunkId, ChunkState> chunks = new HashMap<>();
    private final ChunkQueues queues = new ChunkQueues();
    private boolean safeMode;
    private final long safeModeUntil;
    /** Unknown chunks servers reported during safe mode, deleted when it ends. */
    private final java.util.TreeMap<ServerId, TreeSet<ChunkId>> deferredOrphans = new java.util.TreeMap<>();

    /**
     * @param seed       seeds the random choice of servers
     * @param startTime  when the map was created
     * @param safeMode   start in safe mode (a restart with chunks to account for); it ends when
     *                   every committed chunk has a reported replica, or one server expiry after start
     */
    public ChunkMap(Limits limits, long seed, long startTime, boolean safeMode) {
        this.limits = limits;
        this.random = new Random(seed);
        this.safeMode = safeMode;
        this.safeModeUntil = startTime + limits.serverExpiryMs();
    }

    public List<ChunkEffect> apply(ChunkEvent event) {
        List<ChunkEffect> out = new ArrayList<>();
        if (event instanceof ServerHeartbeated e) heartbeated(e);
        else if (event instanceof ChunksReported e) reported(e, out);
        else if (event instanceof ReplicaAdded e) added(e.server(), e.replica(), out);
        else if (event instanceof ReplicaRemoved e) removed(e.server(), e.chunk());
        else if (event instanceof ReplicaCorrupted e) corrupted(e, out);
        else if (event instanceof CopyFailed e) copyFailed(e);
        else if (event instanceof ChunkAllocated e) allocated(e, out);
        else if (event instanceof ChunkCommitted e) committed(e, out);
        else if (event instanceof ChunkRestored e) restored(e);
        else if (event instanceof ChunksDropped e) dropped(e, out);
        else if (event instanceof Ticked e) ticked(e.time(), out);
        else throw new IllegalArgumentException("unhandled event " + event);
        return out;
    }

    // ---------------------------------------------------------------- events

    private void heartbeated(ServerHeartbeated e) {
        ServerState s = servers.getOrAdd(e.server());
        if (!s.alive) {
            servers.markAlive(s);
            s.reported = false;
        }
        s.address = e.address();
        s.freeBytes = e.freeBytes();
        s.lastHeartbeat = e.time();
    }

    private void reported(ChunksReported e, List<ChunkEffect> out) {
        ServerState s = servers.get(e.server());
        if (s == null || !s.alive) return;
        Set<ChunkId> listed = new HashSet<>();
        for (Replica r : e.replicas()) {
            listed.add(r.chunk());
            present(s, r, out);
        }
        boolean spared = false;
        for (ChunkId id : new ArrayList<>(s.replicas)) {
            if (listed.contains(id)) continue;
            if (spareVouched(s.id, id)) spared = true;
            else removed(s.id, id);
        }
        s.reported = true;
        s.reportWanted = spared;
    }

    /**
     * A replica only its writer vouched for may be missing from the server's next full report
     * without being lost: the server takes its report before the heartbeat goes out, and the
     * writer's commit can reach the master in between. It survives that one report, and the
     * master asks for another at once ({@link #needsReport}); that one is taken after the master
     * answered this one, so after the commit, and lists the replica if the server still has it.
     */
    private boolean spareVouched(ServerId server, ChunkId id) {
        ChunkState c = chunks.get(id);
        ReplicaEntry e = c == null ? null : c.replicas.get(server);
        if (e == null || e.state() != State.GOOD || e.length >= 0 || e.missedReport) return false;
        e.missedReport = true;
        return true;
    }

    private void added(ServerId server, Replica r, List<ChunkEffect> out) {
        ServerState s = servers.get(server);
        if (s != null && s.alive) present(s, r, out);
    }

    /** {@code s} says it holds {@code r}. */
    private void present(ServerState s, Replica r, List<ChunkEffect> out) {
        ChunkState c = chunks.get(r.chunk());
        if (c == null) {
            if (!safeMode) out.add(new DeleteReplica(s.id, r.chunk(), "no file holds this chunk"));
            else deferredOrphans.computeIfAbsent(s.id, k -> new TreeSet<>()).add(r.chunk());
            return;
        }
        ReplicaEntry e = c.replicas.get(s.id);
        if (c.committed && (r.length() != c.length || r.digest() != c.digest)) {
            if (e == null) {
                e = new ReplicaEntry(State.CORRUPT, r.length(), r.digest());
                c.replicas.put(s.id, e);
                s.replicas.add(c.id);
            }
            e.length = r.length();
            e.digest = r.digest();
            if (!safeMode) {
                e.take(Trigger.MISMATCH_REPORTED, c.id, s.id);
                out.add(new DeleteReplica(s.id, c.id, "replica does not match the chunk's length and digest"));
            } else {
                e.take(Trigger.MISMATCH_REPORTED_IN_SAFE_MODE, c.id, s.id);
            }
            finishCopy(c, s.id);
            refresh(c);
            return;
        }
        if (e == null) {
            c.replicas.put(s.id, new ReplicaEntry(State.GOOD, r.length(), r.digest()));
            s.replicas.add(c.id);
        } else {
            e.length = r.length();
            e.digest = r.digest();
            e.take(Trigger.REPORTED, c.id, s.id);
            if (e.state() == State.DELETING && !safeMode) out.add(new DeleteReplica(s.id, c.id, "still present after a delete order"));
        }
        finishCopy(c, s.id);
        refresh(c);
    }

    private void removed(ServerId server, ChunkId id) {
        ChunkState c = chunks.get(id);
        ServerState s = servers.get(server);
        if (s != null) s.replicas.remove(id);
        if (c == null) return;
        if (c.replicas.remove(server) != null) refresh(c);
    }

    private void corrupted(ReplicaCorrupted e, List<ChunkEffect> out) {
        ServerState s = servers.get(e.server());
        ChunkState c = chunks.get(e.chunk());
        if (s == null || !s.alive) return;
        if (c == null) {
            if (!safeMode) out.add(new DeleteReplica(s.id, e.chunk(), "corrupt replica of no file"));
            return;
        }
        ReplicaEntry r = c.replicas.get(s.id);
        if (r == null) {
            c.replicas.put(s.id, new ReplicaEntry(State.CORRUPT, -1, 0));
            s.replicas.add(c.id);
        } else {
            r.take(Trigger.CORRUPTION_REPORTED, c.id, s.id);
        }
        refresh(c);
    }

    private void copyFailed(CopyFailed e) {
        ChunkState c = chunks.get(e.chunk());
        if (c != null && finishCopy(c, e.server())) refresh(c);
    }

    private void allocated(ChunkAllocated e, List<ChunkEffect> out) {
        if (chunks.containsKey(e.chunk())) throw new IllegalStateException(e.chunk() + " allocated twice");
        ChunkState c = new ChunkState(e.chunk(), e.replication(), e.size());
        chunks.put(c.id, c);
        List<ServerId> chosen = new ArrayList<>();
        ServerState near = e.near() == null ? null : servers.get(e.near());
        if (near != null && near.alive && near.freeBytes >= e.size()) chosen.add(near.id);
        while (chosen.size() < e.replication()) {
            ServerState s = servers.pick(random, x -> !chosen.contains(x.id) && x.freeBytes >= e.size());
            if (s == null) break;
            chosen.add(s.id);
        }
        out.add(new PlaceChunk(c.id, chosen, e.replication()));
    }

    private void committed(ChunkCommitted e, List<ChunkEffect> out) {
        ChunkState c = chunks.get(e.chunk());
        if (c == null) throw new IllegalStateException("commit of unknown " + e.chunk());
        c.committed = true;
        c.length = e.length();
        c.digest = e.digest();
        for (Map.Entry<ServerId, ReplicaEntry> r : c.replicas.entrySet()) {
            ReplicaEntry x = r.getValue();
            if (x.length >= 0 && (x.length != c.length || x.digest != c.digest) && x.take(Trigger.COMMIT_DIFFERED, c.id, r.getKey())) {
                out.add(new DeleteReplica(r.getKey(), c.id, "replica does not match the committed chunk"));
            }
        }
        for (ServerId id : e.servers()) {
            ServerState s = servers.get(id);
            if (s != null && s.alive && !c.replicas.containsKey(id)) {
                c.replicas.put(id, new ReplicaEntry(State.GOOD, -1, 0));
                s.replicas.add(c.id);
            }
        }
        refresh(c);
    }

    private void restored(ChunkRestored e) {
        ChunkState c = new ChunkState(e.chunk(), e.replication(), e.length());
        c.committed = e.committed();
        c.length = e.committed() ? e.length() : -1;
        c.digest = e.digest();
        chunks.put(c.id, c);
        refresh(c);
    }

    private void dropped(ChunksDropped e, List<ChunkEffect> out) {
        for (ChunkId id : e.chunks()) {
            ChunkState c = chunks.remove(id);
            if (c == null) continue;
            queues.unqueue(c);
            for (ServerId server : c.replicas.keySet()) {
                ServerState s = servers.get(server);
                s.replicas.remove(id);
                if (s.alive) out.add(new DeleteReplica(server, id, "its file was deleted"));
            }
            for (ServerId target : new ArrayList<>(c.copies.keySet())) finishCopy(c, target);
            queues.copying.remove(id);
        }
    }

    // ---------------------------------------------------------------- time

    private void ticked(long now, List<ChunkEffect> out) {
        expireServers(now, out);
        expireCopies(now);
        if (safeMode) {
            if (queues.missing.isEmpty()) leaveSafeMode("every chunk has a reported replica", out);
            else if (now >= safeModeUntil) leaveSafeMode(queues.missing.size() + " chunks still without a replica after waiting for reports", out);
            else return;
        }
        trimSurplus(out);
        deleteCorrupt(out);
        scheduleCopies(now, out);
    }

    private void leaveSafeMode(String reason, List<ChunkEffect> out) {
        safeMode = false;
        out.add(new LeaveSafeMode(reason));
        // orphans reported during safe mode were left alone; reclaim those still orphaned
        for (Map.Entry<ServerId, TreeSet<ChunkId>> e : deferredOrphans.entrySet()) {
            ServerState s = servers.get(e.getKey());
            for (ChunkId id : e.getValue()) {
                if (s.alive && !chunks.containsKey(id)) {
                    out.add(new DeleteReplica(s.id, id, "no file holds this chunk"));
                }
            }
        }
        deferredOrphans.clear();
    }

    private void expireServers(long now, List<ChunkEffect> out) {
        for (ServerState s : servers.liveInOrder()) {
            if (now - s.lastHeartbeat <= limits.serverExpiryMs()) continue;
            servers.markDead(s);
            int lost = s.replicas.size();
            for (ChunkId id : new ArrayList<>(s.replicas)) removed(s.id, id);
            for (ChunkId id : new ArrayList<>(s.copies)) {
                ChunkState c = chunks.get(id);
                if (c == null) continue;
                for (Map.Entry<ServerId, ChunkState.Copy> copy : new ArrayList<>(c.copies.entrySet())) {
                    if (copy.getKey().equals(s.id) || copy.getValue().source().equals(s.id)) finishCopy(c, copy.getKey());
                }
                refresh(c);
            }
            out.add(new DeclareServerDead(s.id, lost));
        }
    }

    private void expireCopies(long now) {
        for (ChunkId id : new ArrayList<>(queues.copying)) {
            ChunkState c = chunks.get(id);
            boolean changed = false;
            for (Map.Entry<ServerId, ChunkState.Copy> copy : new ArrayList<>(c.copies.entrySet())) {
                if (copy.getValue().deadline() <= now) changed |= finishCopy(c, copy.getKey());
            }
            if (changed) refresh(c);
        }
    }

    private void trimSurplus(List<ChunkEffect> out) {
        for (ChunkId id : new ArrayList<>(queues.surplus)) {
            ChunkState c = chunks.get(id);
            List<ServerState> holders = new ArrayList<>();
            for (Map.Entry<ServerId, ReplicaEntry> r : c.replicas.entrySet()) {
                if (r.getValue().state() == State.GOOD) holders.add(servers.get(r.getKey()));
            }
            holders.sort(Comparator.<ServerState>comparingLong(s -> s.freeBytes).thenComparing(s -> s.id));
            int extra = holders.size() - c.replication;
            for (int i = 0; i < extra; i++) {
                ServerState s = holders.get(i);
                c.replicas.get(s.id).take(Trigger.CHOSEN_AS_SURPLUS, c.id, s.id);
                out.add(new DeleteReplica(s.id, c.id, "surplus replica (" + holders.size() + " of " + c.replication + ")"));
            }
            refresh(c);
        }
    }

    private void deleteCorrupt(List<ChunkEffect> out) {
        for (ChunkId id : new ArrayList<>(queues.withCorrupt)) {
            ChunkState c = chunks.get(id);
            for (Map.Entry<ServerId, ReplicaEntry> r : c.replicas.entrySet()) {
                if (r.getValue().state() != State.CORRUPT) continue;
                r.getValue().take(Trigger.DISCARDED_AS_CORRUPT, c.id, r.getKey());
                out.add(new DeleteReplica(r.getKey(), c.id, "replica failed its checksums"));
            }
            refresh(c);
        }
    }

    private void scheduleCopies(long now, List<ChunkEffect> out) {
        int slots = 0;
        for (ServerState s : servers.liveInOrder()) {
            if (s.reported) slots += Math.max(0, limits.copiesPerServer() - s.copiesAsTarget);
        }
        for (ChunkState c : new ArrayList<>(queues.needy)) {
            if (slots == 0) return;
            while (c.good() + c.copies.size() < c.replication && slots > 0) {
                ServerState source = pickSource(c);
                if (source == null) break;
                ServerState target = servers.pick(random, s -> s.reported
                        && s.copiesAsTarget < limits.copiesPerServer()
                        && s.freeBytes >= c.length
                        && !c.holdsOrReceives(s.id));
                if (target == null) break;
                c.copies.put(target.id, new ChunkState.Copy(source.id, now + limits.copyTimeoutMs()));
                source.copiesAsSource++;
                source.copies.add(c.id);
                target.copiesAsTarget++;
                target.copies.add(c.id);
                queues.copying.add(c.id);
                slots--;
                out.add(new CopyChunk(target.id, c.id, source.id, c.length, c.digest));
            }
            refresh(c);
        }
    }

    private ServerState pickSource(ChunkState c) {
        ServerState best = null;
        for (Map.Entry<ServerId, ReplicaEntry> r : c.replicas.entrySet()) {
            if (r.getValue().state() != State.GOOD) continue;
            ServerState s = servers.get(r.getKey());
            if (s.copiesAsSource >= limits.copiesPerServer()) continue;
            if (best == null || s.copiesAsSource < best.copiesAsSource) best = s;
        }
        return best;
    }

    /** Ends the copy to {@code target}, if one is in flight; true when there was one. */
    private boolean finishCopy(ChunkState c, ServerId target) {
        ChunkState.Copy copy = c.copies.remove(target);
        if (copy == null) return false;
        ServerState t = servers.get(target);
        ServerState s = servers.get(copy.source());
        t.copiesAsTarget--;
        s.copiesAsSource--;
        if (!stillCopying(t, c)) t.copies.remove(c.id);
        if (!stillCopying(s, c)) s.copies.remove(c.id);
        if (c.copies.isEmpty()) queues.copying.remove(c.id);
        return true;
    }

    private static boolean stillCopying(ServerState s, ChunkState c) {
        if (c.copies.containsKey(s.id)) return true;
        for (ChunkState.Copy copy : c.copies.values()) if (copy.source().equals(s.id)) return true;
        return false;
    }

    private void refresh(ChunkState c) {
        queues.refresh(c);
    }

    // ---------------------------------------------------------------- queries

    public boolean safeMode() {
        return safeMode;
    }

    /** Committed chunks with no good replica: the count safe mode waits on. */
    public int chunksWithoutReplica() {
        return queues.missing.size();
    }

    /** True when the server must send a full chunk report with its next heartbeat. */
    public boolean needsReport(ServerId server) {
        ServerState s = servers.get(server);
        return s != null && s.alive && (!s.reported || s.reportWanted);
    }

    public boolean isAlive(ServerId server) {
        ServerState s = servers.get(server);
        return s != null && s.alive;
    }

    public String address(ServerId server) {
        ServerState s = servers.get(server);
        return s == null ? null : s.address;
    }

    /** The servers holding a good replica, in id order. */
    public List<ServerId> goodReplicas(ChunkId chunk) {
        ChunkState c = chunks.get(chunk);
        List<ServerId> out = new ArrayList<>();
        if (c == null) return out;
        for (Map.Entry<ServerId, ReplicaEntry> r : c.replicas.entrySet()) {
            if (r.getValue().state() == State.GOOD) out.add(r.getKey());
        }
        return out;
    }

    /** The servers holding a replica known to fail its checksums, in id order. */
    public List<ServerId> corruptReplicas(ChunkId chunk) {
        ChunkState c = chunks.get(chunk);
        List<ServerId> out = new ArrayList<>();
        if (c == null) return out;
        for (Map.Entry<ServerId, ReplicaEntry> r : c.replicas.entrySet()) {
            if (r.getValue().state() == State.CORRUPT) out.add(r.getKey());
        }
        return out;
    }

    /** Every replica entry of a chunk and its state ({@code GOOD}, {@code CORRUPT}, {@code DELETING}), in server order. */
    public Map<ServerId, String> replicaStates(ChunkId chunk) {
        Map<ServerId, String> out = new java.util.TreeMap<>();
        ChunkState c = chunks.get(chunk);
        if (c != null) c.replicas.forEach((k, v) -> out.put(k, v.state().name()));
        return out;
    }

    /** Targets of the copies of a chunk in flight. */
    public Set<ServerId> copyTargets(ChunkId chunk) {
        ChunkState c = chunks.get(chunk);
        return c == null ? Set.of() : Set.copyOf(c.copies.keySet());
    }

    public ChunkHealth health(ChunkId chunk) {
        ChunkState c = chunks.get(chunk);
        if (c == null) return ChunkHealth.MISSING;
        if (!c.committed) return ChunkHealth.PENDING;
        int good = c.good();
        if (good >= c.replication) return ChunkHealth.HEALTHY;
        if (good > 0) return ChunkHealth.UNDER_REPLICATED;
        return c.count(State.CORRUPT) > 0 ? ChunkHealth.CORRUPT : ChunkHealth.MISSING;
    }

    public boolean knows(ChunkId chunk) {
        return chunks.containsKey(chunk);
    }

    public int chunkCount() {
        return chunks.size();
    }

    public int liveServers() {
        return servers.liveCount();
    }

    public int copiesInFlight() {
        int n = 0;
        for (ChunkId id : queues.copying) n += chunks.get(id).copies.size();
        return n;
    }

    /** One line per server known: id, address, liveness, free bytes, replica entries, last heartbeat time. */
    public List<ServerView> servers() {
        List<ServerView> out = new ArrayList<>();
        for (ServerState s : servers.all()) {
            out.add(new ServerView(s.id, s.address, s.alive, s.freeBytes, s.replicas.size(), s.lastHeartbeat,
                    s.copiesAsSource, s.copiesAsTarget));
        }
        return out;
    }
}
