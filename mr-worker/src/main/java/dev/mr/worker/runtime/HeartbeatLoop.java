package dev.mr.worker.runtime;

import dev.mr.protocol.Assignment;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.MapOutputs;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import dev.mr.protocol.WorkerLoad;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's conversation with the master, on a thread of its own: register (again and again,
 * backing off, one log line per failure, while the master is unreachable), then heartbeat every
 * {@code heartbeatMs}, or at once when an attempt ended. One heartbeat at a time: the next is
 * built only after the previous one was answered or failed. An answer is carried out in this
 * order: {@code reregister} (register again, listing the attempts and map outputs it holds, and
 * drop those the master does not take on), kills, job clean-ups, map
 * output entries, assignments. A failed heartbeat changes nothing, so its outcomes go again; one the
 * master refuses as malformed (400) would be refused forever, so its outcomes are dropped.
 *
 * <p>Threads: {@link #run} on the heartbeat thread, which owns the incarnation; {@link #wakeUp}
 * and {@link #stop} from any thread.
 */
final class HeartbeatLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);
    private static final long FAILURE_LOG_EVERY_MS = 30_000;

    private final WorkerSettings settings;
    private final MasterClient master;
    private final AttemptBook book;
    private final TaskRunner runner;
    private final RegisterRequest registration;
    private final Supplier<WorkerLoad> load;
    private final Object signal = new Object();
    private boolean woken; // guarded by signal
    private volatile boolean stopped;

    /** What to do when the master refuses this worker's credentials: the daemon exits. */
    private final Runnable onRefused;

    HeartbeatLoop(WorkerSettings settings, MasterClient master, AttemptBook book, TaskRunner runner,
                  RegisterRequest registration, Supplier<WorkerLoad> load, Runnable onRefused) {
        this.onRefused = onRefused;
        this.settings = settings;
        this.master = master;
        this.book = book;
        this.runner = runner;
        this.registration = registration;
        this.load = load;
    }

    /** Asks for a heartbeat now (an attempt ended). */
    void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    void stop() {
        stopped = true;
        wakeUp();
    }

    @Override
    public void run() {
        long incarnation = -1;
        int registerFailures = 0;
        int beatFailures = 0;
        long lastFailureLog = 0;
        while (!stopped) {
            try {
                if (incarnation < 0) {
                    try {
                        RegisterRequest request = registration.holding(strings(book.attempts()), strings(runner.heldOutputs()));
                        RegisterResponse accepted = master.register(request);
                        incarnation = accepted.incarnation();
                        LOG.info("registered with the master at {} as {} (incarnation {}, host {}, address {}, {} slots){}", master.url(),
                                registration.workerId(), incarnation, registration.host(), registration.address(), registration.slots(),
                                request.running().isEmpty() && request.mapOutputs().isEmpty() ? "" : ", holding " + request.running().size()
                                        + " attempts and " + request.mapOutputs().size() + " map outputs, of which the master drops "
                                        + orEmpty(accepted.kills()).size());
                        for (String kill : orEmpty(accepted.kills())) runner.kill(kill);
                        registerFailures = 0;
                    } catch (MasterClient.CredentialsRefused e) {
                        LOG.error("{}; stopping: start this worker with the cluster's secret (--secret-file FILE or MR_SECRET_FILE)", e.getMessage());
                        onRefused.run();
                        return;
                    } catch (IOException e) {
                        registerFailures++;
                        long delay = settings.registerBackoff().delayAfter(registerFailures);
                        LOG.warn("registration failed: {}; trying again in {} ms", e.getMessage(), delay);
                        pause(delay);
                    }
                    continue;
                }
                AttemptBook.Beat beat = book.next();
                HeartbeatResponse answer;
                try {
                    answer = master.heartbeat(new HeartbeatRequest(registration.workerId(), incarnation, runner.freeSlots(),
                            beat.reports(), load(), runner.executorViews()));
                } catch (MasterClient.Refused e) {
                    // resending it would be refused forever and the master would take this worker for dead: the
                    // outcomes it carried are dropped, so the master takes those attempts as lost and runs them again
                    LOG.error("{}; dropping the {} attempt outcomes it carried", e.getMessage(), beat.outcomes().size());
                    book.answered(beat);
                    pause(settings.heartbeatMs());
                    continue;
                } catch (IOException e) {
                    beatFailures++;
                    long now = System.currentTimeMillis();
                    if (beatFailures == 1 || now - lastFailureLog >= FAILURE_LOG_EVERY_MS) {
                        LOG.warn("heartbeat failed ({} in a row): {}", beatFailures, e.getMessage());
                        lastFailureLog = now;
                    }
                    pause(settings.heartbeatMs());
                    continue;
                }
                if (beatFailures > 0) LOG.info("heartbeats answered again after {} failures", beatFailures);
                beatFailures = 0;
                book.answered(beat);
                if (answer.reregister()) {
                    // a restarted master takes on what this worker holds; one that declared it dead has it dropped
                    LOG.warn("the master does not know incarnation {}: registering again, listing the attempts and map outputs held",
                            incarnation);
                    master.unregistered();
                    incarnation = -1;
                    continue;
                }
                carryOut(answer);
                pause(settings.heartbeatMs());
            } catch (InterruptedException e) {
                if (stopped) break;
            } catch (RuntimeException e) {
                LOG.error("heartbeat loop: {}", e.toString(), e);
                sleepQuietly(settings.heartbeatMs());
            }
        }
    }

    private void carryOut(HeartbeatResponse answer) {
        for (String kill : orEmpty(answer.kills())) runner.kill(kill);
        for (String job : orEmpty(answer.cleanUpJobs())) runner.cleanUpJob(job);
        for (MapOutputs m : orEmpty(answer.mapOutputs())) runner.offer(m);
        for (Assignment a : orEmpty(answer.assignments())) {
            LOG.info("assigned {}{}{}", a.attempt(), a.dataLocal() ? " (data-local)" : "", a.backup() ? " (backup)" : "");
            runner.start(a);
        }
    }

    /** The machine's figures for the workers page; none rather than no heartbeat when they cannot be had. */
    private WorkerLoad load() {
        try {
            return load.get();
        } catch (RuntimeException e) {
            LOG.debug("no load figures: {}", e.toString());
            return null;
        }
    }

    private static List<String> strings(List<?> ids) {
        return ids.stream().map(Object::toString).toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Waits {@code ms}, or less if woken up or stopped. */
    private void pause(long ms) throws InterruptedException {
        long until = System.currentTimeMillis() + ms;
        synchronized (signal) {
            while (!woken && !stopped) {
                long left = until - System.currentTimeMillis();
                if (left <= 0) break;
                signal.wait(left);
            }
            woken = false;
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
