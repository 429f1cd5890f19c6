package dev.mr.security;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the nonces of signed requests for as long as their timestamps stay inside the
 * window, so that a captured request cannot be sent again. Bounded: when {@code capacity}
 * nonces are live, further signed requests are refused until some expire, rather than the
 * memory growing without end. Pure (the time is an argument); guarded by {@code this}.
 */
final class ReplayGuard {

    private final long windowMs;
    private final int capacity;
    /** nonce → the time after which its request is too old to be accepted anyway; in insertion order. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    ReplayGuard(long windowMs, int capacity) {
        this.windowMs = windowMs;
        this.capacity = capacity;
    }

    enum Outcome { FRESH, REPLAYED, FULL }

    /** Records the nonce of a request signed at {@code ts} (already checked to be inside the window). */
    synchronized Outcome admit(String nonce, long ts, long now) {
        evict(now);
        if (seen.containsKey(nonce)) return Outcome.REPLAYED;
        if (seen.size() >= capacity) return Outcome.FULL;
        seen.put(nonce, ts + windowMs);
        return Outcome.FRESH;
    }

    /** Drops nonces whose requests are past the window; stops at the first live one (entries arrive nearly in time order). */
    private void evict(long now) {
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() >= now) break;
            it.remove();
        }
    }

}
