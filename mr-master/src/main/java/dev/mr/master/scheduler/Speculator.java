package dev.mr.master.scheduler;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * Picks stragglers for backup attempts among one job's tasks of one kind (maps, or reduces). A
 * task qualifies when no task of its kind is still waiting (the end of the phase), it runs a
 * single attempt, and that attempt has run for at least {@code speculationMinMs} and at least
 * {@code speculationSlowdown} times the median duration of the kind's completed attempts. The
 * oldest qualifying attempt is backed up first, on a worker other than its own; a task never has
 * more than one backup running. With the floor, short tasks are never duplicated.
 *
 * <p>Keeps the single-attempt tasks ordered by their attempt's start, so the check is a peek.
 */
final class Speculator {

    private static final Comparator<Task> BY_SOLO_START = (a, b) -> a.soloSince != b.soloSince
            ? Long.compare(a.soloSince, b.soloSince) : Integer.compare(a.id.index(), b.id.index());

    private final JobSettings settings;
    private final RunningMedian durations = new RunningMedian();
    private final TreeSet<Task> solo = new TreeSet<>(BY_SOLO_START);

    Speculator(JobSettings settings) {
        this.settings = settings;
    }

    /** Re-indexes a task after its state or its running attempts changed. */
    void update(Task t) {
        if (!settings.speculation()) return;
        Attempt sole = t.state() == TaskState.RUNNING ? t.soleRunningAttempt() : null;
        if (t.speculationIndexed && (sole == null || sole.startTime != t.soloSince)) {
            solo.remove(t);
            t.speculationIndexed = false;
        }
        if (sole != null && !t.speculationIndexed) {
            t.soloSince = sole.startTime;
            solo.add(t);
            t.speculationIndexed = true;
        }
    }

    /** An attempt of this kind finished its work after {@code millis}. */
    void completed(long millis) {
        durations.add(millis);
    }

    /** The task to back up on {@code w}, or null; {@code waiting} is how many tasks of the kind wait for a first run. */
    Task straggler(Worker w, long now, int waiting) {
        if (!settings.speculation() || waiting > 0 || durations.isEmpty() || solo.isEmpty()) return null;
        long threshold = threshold();
        for (Task t : solo) {
            if (now - t.soloSince < threshold) return null;
            if (t.soleRunningAttempt().worker != w) return t;
        }
        return null;
    }

    /** How long an attempt runs before it is a straggler; only once some attempt completed. */
    long threshold() {
        return Math.max(settings.speculationMinMs(), (long) Math.ceil(settings.speculationSlowdown() * durations.median()));
    }
}
