package dev.mr.master.core;

import dev.mr.master.scheduler.WorkerState;
import dev.mr.master.scheduler.WorkerStatus;
import dev.mr.protocol.ExecutorView;
import java.util.ArrayList;
import java.util.function.Function;
import dev.mr.master.scheduler.Effect;
import dev.mr.master.scheduler.Event;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers' requests: registration, heartbeats and fetch-failure reports, each checked and
 * translated by {@link WorkerMessages}, run through the scheduler on its thread, and answered
 * from the effects addressed to the worker that asked. Also keeps the worker notes the
 * scheduler does not (memory told at registration, reported load and executors, tasks run and
 * failed, failed attempts' log tails).
 *
 * <p>Callable from any thread; the work runs on the scheduler thread.
 */
final class WorkerDesk {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerDesk.class);

    private final SchedulerLoop loop;
    private final JobTable table;
    private final Function<String, String> shuffleGrant;

    /** {@code shuffleGrant}: the capability to fetch a job's map outputs, by job id (null on an insecure cluster). */
    WorkerDesk(SchedulerLoop loop, JobTable table, Function<String, String> shuffleGrant) {
        this.loop = loop;
        this.table = table;
        this.shuffleGrant = shuffleGrant;
    }

    /**
     * Registers a worker. The id of a worker that is alive is refused (409), so that another
     * process cannot end a live worker's incarnation by taking its id; a worker restarted on the
     * same directory is accepted once the master has declared the old one dead.
     */
    CompletableFuture<RegisterResponse> register(RegisterRequest r) {
        return loop.call(() -> {
            Event.WorkerRegistered event = WorkerMessages.registered(r, loop.now());
            loop.scheduler().worker(event.workerId()).filter(w -> w.state() == WorkerState.ALIVE).ifPresent(w -> {
                throw Refusal.conflict("worker " + w.workerId() + " is alive (last heartbeat " + (loop.now() - w.lastHeartbeat())
                        + " ms ago): a second process cannot register its id; if the old one died, this one is accepted once the master "
                        + "declares it dead (mr.worker.expiry.ms)");
            });
            List<Effect.ToWorker> answers = loop.feed(event);
            List<String> kills = new ArrayList<>();
            for (Effect.ToWorker a : answers) if (a instanceof Effect.KillAttempt k) kills.add(k.attempt().toString());
            for (Effect.ToWorker a : answers) {
                if (a instanceof Effect.AcceptWorker w) {
                    if (!r.host().contains(":")) {
                        LOG.warn("worker {} registered host '{}' without a port: dfs names split hosts host:port (its chunk server's"
                                + " advertised address), so its maps of dfs: input will never be data-local", r.workerId(), r.host());
                    }
                    String also = event.hostNames().isEmpty() ? "" : " (also " + String.join(", ", event.hostNames()) + ")";
                    LOG.info("worker {} registered: host {}{}, address {}, {} slots, {} MiB, incarnation {}{}", r.workerId(), r.host(), also,
                            r.address(), r.slots(), r.memoryMb(), w.incarnation(), event.running().isEmpty() && event.mapOutputs().isEmpty()
                                    ? "" : "; it holds " + event.running().size() + " attempts and " + event.mapOutputs().size()
                                    + " map outputs, of which it drops " + kills.size());
                    JobTable.WorkerNotes notes = table.notes(event.workerId());
                    notes.memoryMb = r.memoryMb();
                    notes.executors = List.of(); // the new incarnation tells its own in its heartbeats
                    return new RegisterResponse(w.incarnation(), kills);
                }
            }
            throw new IllegalStateException("the scheduler did not accept worker " + r.workerId() + ": " + answers);
        });
    }

    CompletableFuture<HeartbeatResponse> heartbeat(HeartbeatRequest r) {
        return loop.call(() -> {
            Event.HeartbeatReceived event = WorkerMessages.heartbeat(r, loop.now());
            JobTable.WorkerNotes notes = table.notes(event.workerId());
            if (r.load() != null) notes.load = r.load();
            for (AttemptReport rep : r.reports() == null ? List.<AttemptReport>of() : r.reports()) {
                if (AttemptReport.FAILED.equals(rep.status()) && table.keepLog(rep.attempt(), rep.log())) notes.tasksFailed++;
            }
            HeartbeatResponse response = WorkerMessages.response(loop.feed(event), table, shuffleGrant);
            notes.tasksRun += response.assignments().size();
            if (!response.reregister()) notes.executors = executors(r.executors()); // not from an incarnation the master ended
            return response;
        });
    }

    private static List<ExecutorView> executors(List<ExecutorView> told) {
        if (told == null) return List.of();
        List<ExecutorView> out = new ArrayList<>(told.size());
        for (ExecutorView e : told) if (e != null) out.add(e);
        return List.copyOf(out);
    }

    /** The largest memory that a live worker told at registration; 0 when none did. */
    CompletableFuture<Long> largestMemoryMb() {
        return loop.call(() -> {
            long largest = 0;
            for (WorkerStatus w : loop.scheduler().workers()) {
                if (w.state() == WorkerState.ALIVE) largest = Math.max(largest, table.notes(w.workerId()).memoryMb);
            }
            return largest;
        });
    }

    CompletableFuture<Void> fetchFailure(FetchFailure f) {
        return loop.call(() -> {
            Event.FetchFailureReported event = WorkerMessages.fetchFailure(f, loop.now());
            if (loop.scheduler().worker(event.workerId()).isEmpty()) {
                throw Refusal.notFound("unknown worker " + event.workerId() + "; register first");
            }
            LOG.info("fetch failure reported by {}: {} could not fetch {}: {}", event.workerId(), f.reduceAttempt(), f.mapAttempt(), f.error());
            loop.feed(event);
            return null;
        });
    }
}
