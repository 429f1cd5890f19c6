package dev.mr.worker.runtime;

import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.AttemptReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the next heartbeat says about this worker's attempts, kept by the master's rules: every
 * attempt still running is listed (with its progress and status message, and for a reduce the map output entries it
 * has), and each outcome ({@code FINISHED} with counters, {@code FAILED} with the error and log
 * tail) is sent in every heartbeat until one carrying it is answered. An outcome is an immutable
 * report made once, so a resend is identical. A killed attempt is forgotten at once.
 *
 * <p>Thread-safe (guarded by {@code this}): task threads record outcomes, the heartbeat thread
 * builds reports and takes answers, one heartbeat at a time.
 */
public final class AttemptBook {

    /** A running attempt's live figures, read while a heartbeat is built. */
    public interface Live {
        double progress();

        /** For a reduce: map output entries received; 0 for a map. */
        int mapOutputsKnown();

        /** Its task's latest status message, null for none. */
        String statusMessage();
    }

    /** The reports of one heartbeat, and which outcomes it carried. */
    public record Beat(List<AttemptReport> reports, Map<AttemptId, AttemptReport> outcomes) {}

    private static final class Entry {
        final Live live;
        AttemptReport outcome;

        Entry(Live live) {
            this.live = live;
        }
    }

    private final Map<AttemptId, Entry> entries = new LinkedHashMap<>();

    public synchronized void started(AttemptId attempt, Live live) {
        entries.putIfAbsent(attempt, new Entry(live));
    }

    /** Records an attempt's outcome, once; ignored for an attempt that was forgotten. */
    public synchronized void ended(AttemptId attempt, AttemptReport outcome) {
        Entry e = entries.get(attempt);
        if (e != null && e.outcome == null) e.outcome = outcome;
    }

    /** Stops reporting {@code attempt} (it was killed). */
    public synchronized void forget(AttemptId attempt) {
        entries.remove(attempt);
    }

    /** Every attempt reported: running, or with an outcome not yet answered. */
    public synchronized List<AttemptId> attempts() {
        return List.copyOf(entries.keySet());
    }

    public synchronized boolean contains(AttemptId attempt) {
        return entries.containsKey(attempt);
    }

    /** The reports for the next heartbeat: outcomes as recorded, running attempts with their figures now. */
    public synchronized Beat next() {
        List<AttemptReport> reports = new ArrayList<>(entries.size());
        Map<AttemptId, AttemptReport> outcomes = new LinkedHashMap<>();
        for (Map.Entry<AttemptId, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (e.outcome != null) {
                reports.add(e.outcome);
                outcomes.put(me.getKey(), e.outcome);
            } else {
                double p = e.live.progress();
                p = Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
                reports.add(new AttemptReport(me.getKey().toString(), AttemptReport.RUNNING, p, e.live.mapOutputsKnown(), null, null, null,
                        null, e.live.statusMessage()));
            }
        }
        return new Beat(List.copyOf(reports), outcomes);
    }

    /** The heartbeat carrying {@code beat} was answered: its outcomes are delivered and no longer sent. */
    public synchronized void answered(Beat beat) {
        for (Map.Entry<AttemptId, AttemptReport> o : beat.outcomes().entrySet()) {
            Entry e = entries.get(o.getKey());
            if (e != null && e.outcome == o.getValue()) entries.remove(o.getKey());
        }
    }
}
