package dev.mr.master.scheduler;

import dev.mr.master.scheduler.Event.WorkerRegistered;
import java.util.ArrayList;
import java.util.List;

/**
 * Worker registration and death. A registration starts a new incarnation (a registration of a
 * worker still believed alive means it restarted, so its previous incarnation is lost first); a
 * worker silent for the expiry is declared dead on a tick. A lost incarnation's running attempts
 * are killed and re-run, and so are its completed maps whose output reducers still need.
 */
final class Liveness {

    private final SchedulerSettings settings;
    private final Workers workers;
    private final Outcomes outcomes;
    private final Resumption resumption;

    Liveness(SchedulerSettings settings, Workers workers, Outcomes outcomes, Resumption resumption) {
        this.settings = settings;
        this.workers = workers;
        this.outcomes = outcomes;
        this.resumption = resumption;
    }

    void registered(WorkerRegistered e, long now, List<Effect> out) {
        if (e.slots() < 0) throw new IllegalArgumentException("worker " + e.workerId() + " registered with " + e.slots() + " slots");
        Worker w = workers.getOrCreate(e.workerId());
        if (w.isAlive()) lose(w, "it registered again (restarted)", true, now, out);
        Resumption.Placed placed = resumption.placed(w);
        w.startIncarnation(e.host(), e.hostNames(), e.address(), e.slots(), now);
        workers.heard(w, now);
        out.add(new Effect.AcceptWorker(w.id, w.incarnation()));
        resumption.registered(w, e, placed, now, out);
    }

    void ticked(long now, List<Effect> out) {
        for (Worker w : workers.silentSince(now, settings.workerExpiryMs())) {
            String why = w.state() == WorkerState.AWAITED ? "it did not register again within " + (now - w.lastHeartbeat)
                    + " ms of the master's restart" : "silent for " + (now - w.lastHeartbeat) + " ms";
            boolean awaited = w.state() == WorkerState.AWAITED;
            w.move(Worker.Trigger.EXPIRED, WorkerState.DEAD);
            lose(w, why, !awaited, now, out);
        }
    }

    /** {@code died}: the worker's death counts against its running tasks; not for one a restarted master awaited in vain. */
    private void lose(Worker w, String why, boolean died, long now, List<Effect> out) {
        workers.died(w);
        String what = "worker " + w.id + " lost: " + why;
        for (Attempt a : new ArrayList<>(w.running)) {
            if (a.isRunning()) outcomes.lost(a, what, died, now, out);
        }
        for (Attempt a : new ArrayList<>(w.mapOutputs)) {
            if (a.state() == AttemptState.SUCCEEDED && a.task.job.needsMapOutputs()) {
                outcomes.outputLost(a, false, "map output lost with " + what, now, out);
            }
        }
        w.running.clear();
        w.mapOutputs.clear();
        w.cleanups.clear();
        out.add(new Effect.LogWorkerLost(w.id, w.incarnation(), why));
    }
}
