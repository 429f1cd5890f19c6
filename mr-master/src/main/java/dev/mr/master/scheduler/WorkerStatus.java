package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of a worker's current incarnation, for {@code GET /api/v1/workers} and the web page.
 *
 * @param running the attempts occupying its slots, in assignment order
 * @param excludedFrom running jobs that give it no tasks because it failed too many of them
 * @param hostNames the other names it registered for locality, besides {@code host}
 */
public record WorkerStatus(
        String workerId,
        long incarnation,
        WorkerState state,
        String host,
        String address,
        int slots,
        long registeredAt,
        long lastHeartbeat,
        List<AttemptId> running,
        List<String> excludedFrom,
        List<String> hostNames) {

    public WorkerStatus(String workerId, long incarnation, WorkerState state, String host, String address, int slots, long registeredAt,
                        long lastHeartbeat, List<AttemptId> running, List<String> excludedFrom) {
        this(workerId, incarnation, state, host, address, slots, registeredAt, lastHeartbeat, running, excludedFrom, List.of());
    }

    static WorkerStatus of(Worker w, Jobs jobs, Workers workers) {
        List<AttemptId> running = new ArrayList<>(w.running.size());
        for (Attempt a : w.running) running.add(a.id);
        List<String> excludedFrom = new ArrayList<>();
        for (Job j : jobs.running()) if (j.excludes(w, workers)) excludedFrom.add(j.id);
        return new WorkerStatus(w.id, w.incarnation(), w.state(), w.host, w.address, w.slots, w.registeredAt,
                w.lastHeartbeat, List.copyOf(running), List.copyOf(excludedFrom), List.copyOf(w.names.subList(Math.min(1, w.names.size()), w.names.size())));
    }
}
