package dev.mr.worker.policy;

import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.MapOutputEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reduce attempt's shuffle plan: for each of the job's {@code maps} map tasks, where its
 * output can be fetched (the latest entry of the master's map output log that names it), whether
 * it has been fetched, and when it may be tried again after a failure.
 *
 * <p>Rules: entries arrive in log order and each is taken once (an entry at an index already
 * seen is a resend and is skipped). A later entry for a map task replaces an earlier one that
 * was not fetched yet and may be tried at once. An {@code obsolete} entry withdraws the output
 * it names: if that output was not fetched yet the task waits for its replacement entry; if it
 * was, nothing changes (the segment in hand is sound; its CRC was checked). A fetch result
 * counts only if the output it came from is still the task's current one, and the first success
 * per task wins. At most {@code limit} fetches are in flight; due fetches are handed out in map
 * order. Failures back off per map output as {@link FetchRetryPolicy} says.
 *
 * <p>Pure and single-threaded: the owner serializes calls (the fetcher holds its lock) and passes
 * the time in.
 */
public final class FetchPlan {

    /** Fetch this map output's segment from the worker at {@code address}. */
    public record Fetch(AttemptId mapAttempt, String address) {}

    private static final class Source {
        AttemptId current;
        String address;
        boolean fetched;
        int failures;
        long notBefore;
    }

    private final String jobId;
    private final FetchRetryPolicy policy;
    private final Source[] sources;
    private final Set<AttemptId> inFlight = new HashSet<>();
    private int known;
    private int fetched;

    public FetchPlan(String jobId, int maps, FetchRetryPolicy policy) {
        if (maps < 0) throw new IllegalArgumentException("negative number of maps " + maps);
        this.jobId = jobId;
        this.policy = policy;
        this.sources = new Source[maps];
        for (int i = 0; i < maps; i++) sources[i] = new Source();
    }

    /** Takes new log entries; returns why any of them was ignored, for the log. */
    public List<String> received(List<MapOutputEntry> entries) {
        List<String> ignored = new ArrayList<>();
        for (MapOutputEntry e : entries) {
            if (e.index() < known) continue;
            known = e.index() + 1;
            AttemptId m;
            try {
                m = AttemptId.parse(e.mapAttempt());
            } catch (IllegalArgumentException | NullPointerException ex) {
                ignored.add("entry " + e.index() + ": '" + e.mapAttempt() + "' is not an attempt id");
                continue;
            }
            if (!m.task().map() || !m.task().jobId().equals(jobId) || m.task().index() >= sources.length) {
                ignored.add("entry " + e.index() + ": " + m + " is not one of the " + sources.length + " maps of " + jobId);
                continue;
            }
            Source s = sources[m.task().index()];
            if (s.fetched) continue;
            if (e.obsolete()) {
                if (m.equals(s.current)) {
                    s.current = null;
                    s.address = null;
                }
                continue;
            }
            if (e.address() == null || e.address().isBlank()) {
                ignored.add("entry " + e.index() + ": " + m + " has no address");
                continue;
            }
            s.current = m;
            s.address = e.address();
            s.failures = 0;
            s.notBefore = 0;
        }
        return ignored;
    }

    /** Fetches to start now, at most {@code limit} in flight in all; each is marked in flight. */
    public List<Fetch> due(long nowMs, int limit) {
        List<Fetch> out = new ArrayList<>();
        for (Source s : sources) {
            if (inFlight.size() >= limit) break;
            if (waiting(s) && s.notBefore <= nowMs) {
                inFlight.add(s.current);
                out.add(new Fetch(s.current, s.address));
            }
        }
        return out;
    }

    /** A fetch of {@code m} succeeded; true when its segment is to be used, false when it is to be dropped. */
    public boolean succeeded(AttemptId m) {
        inFlight.remove(m);
        Source s = source(m);
        if (s == null || s.fetched || !m.equals(s.current)) return false;
        s.fetched = true;
        fetched++;
        return true;
    }

    /** A fetch of {@code m} failed at {@code nowMs}; true when the master should be told. */
    public boolean failed(AttemptId m, long nowMs) {
        inFlight.remove(m);
        Source s = source(m);
        if (s == null || s.fetched || !m.equals(s.current)) return false;
        s.failures++;
        s.notBefore = policy.retryAt(s.failures, nowMs);
        return policy.reportAfter(s.failures);
    }

    /** The earliest time a fetch not in flight becomes due; {@link Long#MAX_VALUE} when none waits for time. */
    public long nextDue() {
        long min = Long.MAX_VALUE;
        for (Source s : sources) {
            if (waiting(s)) min = Math.min(min, s.notBefore);
        }
        return min;
    }

    private boolean waiting(Source s) {
        return !s.fetched && s.current != null && !inFlight.contains(s.current);
    }

    private Source source(AttemptId m) {
        int i = m.task().index();
        return m.task().map() && m.task().jobId().equals(jobId) && i < sources.length ? sources[i] : null;
    }

    /** Log entries taken so far: what the heartbeat reports as {@code mapOutputsKnown}. */
    public int known() {
        return known;
    }

    public int fetched() {
        return fetched;
    }

    public int maps() {
        return sources.length;
    }

    public int inFlight() {
        return inFlight.size();
    }

    public boolean done() {
        return fetched == sources.length;
    }
}
