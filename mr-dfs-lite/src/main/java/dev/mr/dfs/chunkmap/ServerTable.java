package dev.mr.dfs.chunkmap;

import dev.mr.dfs.ServerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every chunk server ever heard of, and an index of the live ones that allows a uniform
 * random pick in constant time (the seeded {@link Random} belongs to the {@link ChunkMap}).
 * Owned by {@link ChunkMap}'s thread.
 */
final class ServerTable {

    /** Random tries before falling back to a scan of every live server. */
    private static final int SAMPLES = 24;

    private final TreeMap<ServerId, ServerState> all = new TreeMap<>();
    private final ArrayList<ServerState> live = new ArrayList<>();
    private final HashMap<ServerId, Integer> liveIndex = new HashMap<>();

    ServerState get(ServerId id) {
        return all.get(id);
    }

    ServerState getOrAdd(ServerId id) {
        return all.computeIfAbsent(id, ServerState::new);
    }

    Collection<ServerState> all() {
        return all.values();
    }

    int liveCount() {
        return live.size();
    }

    /** Live servers in id order: a copy, safe to change the table while iterating it. */
    List<ServerState> liveInOrder() {
        List<ServerState> out = new ArrayList<>();
        for (ServerState s : all.values()) if (s.alive) out.add(s);
        return out;
    }

    void markAlive(ServerState s) {
        if (s.alive) return;
        s.alive = true;
        liveIndex.put(s.id, live.size());
        live.add(s);
    }

    void markDead(ServerState s) {
        if (!s.alive) return;
        s.alive = false;
        int i = liveIndex.remove(s.id);
        ServerState last = live.remove(live.size() - 1);
        if (last != s) {
            live.set(i, last);
            liveIndex.put(last.id, i);
        }
    }

    /**
     * A live server accepted by {@code eligible}, picked at random; null when none is. Tries a
     * few random picks, then scans from a random start, so the answer is exact and the usual
     * case is cheap even with thousands of servers.
     */
    ServerState pick(Random random, Predicate<ServerState> eligible) {
        int n = live.size();
        if (n == 0) return null;
        for (int i = 0; i < SAMPLES; i++) {
            ServerState s = live.get(random.nextInt(n));
            if (eligible.test(s)) return s;
        }
        int start = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            ServerState s = live.get((start + i) % n);
            if (eligible.test(s)) return s;
        }
        return null;
    }
}
