package dev.mr.dfs.master;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may go on writing: each writer (a client id) holds a lease until {@code expiry} after its
 * last sign of life (creating a file, adding a chunk, renewing), as HDFS's LeaseManager does. A
 * file still open when its writer's lease has run out is abandoned by the master, so a writer
 * that died does not hold its chunks forever. A lease is forgotten once its writer has no open
 * file. Pure: the time is passed in; not thread-safe (DfsMetadata's lock guards it).
 */
final class Leases {

    /** An open file, as the lease policy sees it. */
    record OpenFile<F>(F file, String writer) {}

    private final long expiryMs;
    private final Map<String, Long> expiries = new HashMap<>();

    Leases(long expiryMs) {
        if (expiryMs <= 0) throw new IllegalArgumentException("lease expiry must be positive, not " + expiryMs);
        this.expiryMs = expiryMs;
    }

    /** {@code writer} showed a sign of life at {@code now}: its lease runs until {@code now + expiry}. */
    void grant(String writer, long now) {
        expiries.put(writer, now + expiryMs);
    }

    /** Renews the lease of {@code writer} if it holds one; a writer without an open file gets none. */
    void renew(String writer, long now) {
        expiries.computeIfPresent(writer, (w, old) -> now + expiryMs);
    }

    /**
     * The files of {@code open} whose writer's lease has run out at {@code now} (or who never had
     * one); forgets the leases of writers left with no open file.
     */
    <F> List<F> expired(List<OpenFile<F>> open, long now) {
        List<F> out = new ArrayList<>();
        Set<String> writing = new HashSet<>();
        for (OpenFile<F> f : open) {
            Long expiry = expiries.get(f.writer());
            if (expiry != null && expiry > now) writing.add(f.writer());
            else out.add(f.file());
        }
        expiries.keySet().retainAll(writing);
        return out;
    }
}
