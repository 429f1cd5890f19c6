package dev.mr.worker.runtime;

import dev.mr.protocol.Assignment;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.MapOutputs;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import dev.mr.protocol.WorkerLoad;
import dev.mr.api.spi.MasterOutage;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's conversation with the master, on a thread of its own: register, then heartbeat
 * every {@code heartbeatMs}, or at once when an attempt ended. One heartbeat at a time: the next
 * is built only after the previous one was answered or failed. An answer is carried out in this
 * order: {@code reregister} (register again, listing the attempts and map outputs it holds, and
 * drop those the master does not take on), kills, job clean-ups, map
 * output entries, assignments. A failed heartbeat changes nothing, so its outcomes go again; one the
 * master refuses as malformed (400) would be refused forever, so its outcomes are dropped.
 *
 * <p>While the master does not answer (a restart, a crash, a network cut), registrations and
 * heartbeats go again with the {@link MasterRetryPolicy} of daemons: backing off to
 * {@code retryBackoff}'s cap, with a jitter seeded by the worker's id so a cluster's workers
 * spread, and never giving up. The log says once that the master does not answer and once
 * that it does again, not once per try. Nothing else changes meanwhile: running attempts go
 * on, and their outcomes and map outputs wait for the master.
 *
 * <p>Threads: {@link #run} on the heartbeat thread, which owns the incarnation; {@link #wakeUp}
 * and {@link #stop} from any thread.
 */
final class HeartbeatLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final WorkerSettings settings;
    private final MasterClient master;
    private final AttemptBook book;
    private final TaskRunner runner;
    private final RegisterRequest registration;
    private final Supplier<WorkerLoad> load;
    private final Object signal = new Object();
    private boolean woken; // guarded by signal
    private volatile boolean stopped;
    private final MasterOutage outage; // heartbeat thread

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
        this.outage = new MasterOutage(MasterRetryPolicy.forDaemons(settings.retryBackoff(), new Random(registration.workerId().hashCode())));
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
        while (!stopped) {
            try {
                if (incarnation < 0) {
                    try {
                        RegisterRequest request = registration.holding(strings(book.attempts()), strings(runner.heldOutputs()));
                        RegisterResponse accepted = master.register(request);
                        incarnation = accepted.incarnation();
                        answered();
                        LOG.info("registered with the master at {} as {} (incarnation {}, host {}, address {}, {} slots){}", master.url(),
                                registration.workerId(), incarnation, registration.host(), registration.address(), registration.slots(),
                                request.running().isEmpty() && request.mapOutputs().isEmpty() ? "" : ", holding " + request.running().size()
                                        + " attempts and " + request.mapOutputs().size() + " map outputs, of which the master drops "
                                        + orEmpty(accepted.kills()).size());
                        for (String kill : orEmpty(accepted.kills())) runner.kill(kill);
                    } catch (MasterClient.CredentialsRefused e) {
                        LOG.error("{}; stopping: start this worker with the cluster's secret (--secret-file FILE or MR_SECRET_FILE)", e.getMessage());
                        onRefused.run();
                        return;
                    } catch (IOException e) {
                        failed("registration", e);
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
                    failed("heartbeat", e);
                    continue;
                }
                answered();
                if (answer.reregister()) {
                    // a restarted master takes on what this worker holds; one that declared it dead has it dropped. It
                    // ignored this heartbeat's reports, so the outcomes stay in the book: the registration lists their
                    // attempts, and the next heartbeat carries them again
                    LOG.warn("the master does not know incarnation {}: registering again, listing the attempts and map outputs held",
                            incarnation);
                    master.unregistered();
                    incarnation = -1;
                    continue;
                }
                book.answered(beat);
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

    /** A registration or heartbeat got no answer: says so if it is the first, and waits as the policy says, heedless of {@link #wakeUp}. */
    private void failed(String what, IOException e) throws InterruptedException {
        Failure failure = MasterRetryPolicy.classify(e);
        long now = clock();
        // a daemon retries whatever failed: a 500 or a TLS failure may be mended on the master's side while it waits
        MasterRetryPolicy.Decision d = outage.failed(Call.REPEATABLE, failure == null ? Failure.LOST : failure, now);
        if (outage.justBegan()) {
            LOG.warn("the master at {} does not answer ({} failed: {}); trying again, backing off up to {} ms, until it does; "
                    + "running attempts go on and keep their outcomes for it", master.url(), what, e.getMessage(), settings.retryBackoff().maxMs());
        }
        pause(((MasterRetryPolicy.Retry) d).delayMs(), false);
    }

    /** A registration or heartbeat was answered: says so if the master had not answered before. */
    private void answered() {
        int failures = outage.failures();
        long down = outage.ended(clock());
        if (down >= 0) LOG.info("the master at {} answers again after {} ({} tries failed)", master.url(), MasterRetryLoop.duration(down), failures);
    }

    private static long clock() {
        return System.nanoTime() / 1_000_000;
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
        pause(ms, true);
    }

    /**
     * Waits {@code ms}, or less if stopped or ({@code wakeable}) woken up. Backing off is not
     * wakeable: attempts ending while the master is away must not hurry the tries; their
     * wake-up stays pending, so the first heartbeat after the outage goes at once.
     */
    private void pause(long ms, boolean wakeable) throws InterruptedException {
        long until = System.currentTimeMillis() + ms;
        synchronized (signal) {
            while (!(wakeable && woken) && !stopped) {
                long left = until - System.currentTimeMillis();
                if (left <= 0) break;
                signal.wait(left);
            }
            if (wakeable) woken = false;
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
