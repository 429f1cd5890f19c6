package dev.mr.master.scheduler;

import java.util.List;

/**
 * Breaks the wait in which reduce attempts hold every slot while they wait for map output
 * that can only be rebuilt by maps needing one of those slots (after a worker holding map
 * output died). When a job's maps have waited {@code mr.reduce.preempt.delay.ms} without any
 * of its maps launching, a heartbeating worker with no free slot gives up its most recently
 * started reduce attempt of that job: killed, not failed, and re-run later. One per heartbeat,
 * and the delay starts again, so the freed slot is used before anything else is preempted.
 * In a healthy cluster maps keep launching and nothing is ever preempted.
 */
final class Preemption {

    private final Jobs jobs;
    private final Outcomes outcomes;

    Preemption(Jobs jobs, Outcomes outcomes) {
        this.jobs = jobs;
        this.outcomes = outcomes;
    }

    void check(Worker w, int freeSlots, long now, List<Effect> out) {
        List<Job> running = jobs.running();
        for (int i = 0; i < running.size(); i++) {
            Job j = running.get(i);
            if (j.waitingMaps == 0) {
                j.mapsWaitingSince = -1;
                continue;
            }
            if (j.mapsWaitingSince < 0) j.mapsWaitingSince = now;
            long starvedSince = Math.max(j.mapsWaitingSince, j.lastMapLaunch);
            if (freeSlots > 0 || now - starvedSince < j.settings.reducePreemptDelayMs()) continue;
            Attempt victim = newestReduce(w, j);
            if (victim == null) continue;
            outcomes.lost(victim, "preempted: maps of " + j.id + " had waited " + (now - starvedSince)
                    + " ms for a slot while its reduces held them", false, now, out);
            out.add(new Effect.KillAttempt(w.id, victim.id));
            j.mapsWaitingSince = now;
            return;
        }
    }

    /** The reduce attempt of {@code j} that started last on {@code w} (ties: the greatest id), or null. */
    private static Attempt newestReduce(Worker w, Job j) {
        Attempt newest = null;
        for (Attempt a : w.running) {
            if (a.task.job != j || a.task.isMap()) continue;
            if (newest == null || a.startTime > newest.startTime
                    || (a.startTime == newest.startTime && a.id.toString().compareTo(newest.id.toString()) > 0)) {
                newest = a;
            }
        }
        return newest;
    }
}
