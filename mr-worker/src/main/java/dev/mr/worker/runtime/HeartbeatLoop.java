package dev.mr.worker.runtime;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.MasterOutage;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.MapOutputs;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import dev.mr.protocol.WorkerLoad;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's conversation with the master: register, then heartbeat every {@code heartbeatMs},
 * or at once when an attempt ended. One heartbeat at a time: the next is built only after the
 * previous one was answered or failed. An answer is carried out in this order: {@code reregister}
 * (register again, listing the attempts and map outputs it holds, and drop those the master does
 * not take on), kills, job clean-ups, map output entries, assignments. A failed heartbeat changes
 * nothing, so its outcomes go again; one the master refuses as malformed (400) would be refused
 * forever, so its outcomes are dropped.
 *
 * <p>While the master does not answer (a restart, a crash, a network cut), registrations and
 * heartbeats go again with the {@link MasterRetryPolicy} of daemons: backing off to
 * {@code retryBackoff}'s cap, with a jitter seeded by the worker's id so a cluster's workers
 * spread, and never giving up. The log says once that the master does not answer and once
 * that it does again, not once per try. Nothing else changes meanwhile: running attempts go
 * on, and their outcomes and map outputs wait for the master.
 *
 * <p>Each registration or heartbeat is one step that the {@link Timer} runs, and each step
 * schedules the next; the time comes from an injected clock. The daemon runs the steps on a
 * thread of its own ({@code mr-heartbeat}, where the calls to the master block); tests run them
 * by hand, on a manual clock, with a fake master and runner.
 *
 * <p>Threads: steps run one at a time on the timer's thread, which owns the incarnation and the
 * outage; {@link #start}, {@link #wakeUp} and {@link #stop} from any thread.
 */
final class HeartbeatLoop {

    /** The master as this loop speaks to it: {@link MasterClient}, over HTTP. */
    interface Master {
        String url();

        /** Throws {@link MasterClient.CredentialsRefused} when the master does not let this worker in. */
        RegisterResponse register(RegisterRequest request) throws IOException, InterruptedException;

        /** Throws {@link MasterClient.Refused} when the master refuses the request as malformed. */
        HeartbeatResponse heartbeat(HeartbeatRequest request) throws IOException, InterruptedException;

        /** The master told the worker to register again: forget the incarnation. */
        void unregistered();
    }

    /** The attempts' side, as this loop asks it what it holds and hands it the master's orders: {@link TaskRunner}. */
    interface Runner {
        int freeSlots();

        /** The map attempts whose output this worker holds. */
        List<AttemptId> heldOutputs();

        List<ExecutorView> executorViews();

        void kill(String attempt);

        void cleanUpJob(String jobId);

        void offer(MapOutputs entries);

        void start(Assignment assignment);
    }

    /**
     * Runs each step after its delay, one at a time and in the order they fall due: a
     * single-thread scheduled executor in the daemon, a manual one in tests.
     */
    interface Timer {
        void schedule(Runnable step, long delayMs);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final WorkerSettings settings;
    private final Master master;
    private final AttemptBook book;
    private final Runner runner;
    private final RegisterRequest registration;
    private final Supplier<WorkerLoad> load;
    private final Timer timer;
    private final LongSupplier clock;
    /** What to do when the master refuses this worker's credentials: the daemon exits. */
    private final Runnable onRefused;

    private long incarnation = -1; // timer thread
    private final MasterOutage outage; // timer thread

    private final Object lock = new Object();
    private boolean woken; // guarded by lock: an attempt ended since the last wait that a wake-up ends
    private boolean wakeable; // guarded by lock: the step scheduled next may be brought forward by a wake-up
    private int due; // guarded by lock: the number of the one step that may run; any other scheduled is stale
    private boolean stopped; // guarded by lock

    /** {@code clock}: milliseconds, monotonic (its origin does not matter). */
    HeartbeatLoop(WorkerSettings settings, Master master, AttemptBook book, Runner runner, RegisterRequest registration,
                  Supplier<WorkerLoad> load, Runnable onRefused, Timer timer, LongSupplier clock) {
        this.onRefused = onRefused;
        this.settings = settings;
        this.master = master;
        this.book = book;
        this.runner = runner;
        this.registration = registration;
        this.load = load;
        this.timer = timer;
        this.clock = clock;
        this.outage = new MasterOutage(MasterRetryPolicy.forDaemons(settings.retryBackoff(), new Random(registration.workerId().hashCode())));
    }

    /** Registers at once, and goes on from there. */
    void start() {
        next(0, false);
    }

    /** Asks for a heartbeat now (an attempt ended). */
    void wakeUp() {
        synchronized (lock) {
            woken = true;
            if (wakeable && !stopped) schedule(0);
        }
    }

    /** No step runs after this returns, but one already running finishes its call. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            due++;
        }
    }

    /** Schedules the next step in {@code ms}, or at once if {@code wakeable} and woken meanwhile. */
    private void next(long ms, boolean wakeable) {
        synchronized (lock) {
            if (stopped) return;
            this.wakeable = wakeable;
            schedule(wakeable && woken ? 0 : ms);
        }
    }

    private void schedule(long ms) { // holding lock
        int number = ++due;
        timer.schedule(() -> step(number), ms);
    }

    private void step(int number) {
        synchronized (lock) {
            if (stopped || number != due) return;
            // a wait that a wake-up ends is over, and so is the wake-up. One that came during a back-off stays pending:
            // once the master answers again, the next heartbeat goes at once
            if (wakeable) woken = false;
            wakeable = false;
        }
        try {
            if (incarnation < 0) register();
            else heartbeat();
        } catch (InterruptedException e) {
            if (!stoppedNow()) next(0, false);
        } catch (RuntimeException e) {
            LOG.error("heartbeat loop: {}", e.toString(), e);
            next(settings.heartbeatMs(), false);
        }
    }

    private boolean stoppedNow() {
        synchronized (lock) {
            return stopped;
        }
    }

    private void register() throws InterruptedException {
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
            next(0, false);
        } catch (MasterClient.CredentialsRefused e) {
            LOG.error("{}; stopping: start this worker with the cluster's secret (--secret-file FILE or MR_SECRET_FILE)", e.getMessage());
            onRefused.run();
        } catch (IOException e) {
            failed("registration", e);
        }
    }

    private void heartbeat() throws InterruptedException {
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
            next(settings.heartbeatMs(), true);
            return;
        } catch (IOException e) {
            failed("heartbeat", e);
            return;
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
            next(0, false);
            return;
        }
        book.answered(beat);
        carryOut(answer);
        next(settings.heartbeatMs(), true);
    }

    /**
     * A registration or heartbeat got no answer: says so if it is the first, and tries again when
     * the policy says. Backing off is not hurried by {@link #wakeUp}: attempts ending while the
     * master is away must not hurry the tries.
     */
    private void failed(String what, IOException e) {
        Failure failure = MasterRetryPolicy.classify(e);
        // a daemon retries whatever failed: a 500 or a TLS failure may be mended on the master's side while it waits
        MasterRetryPolicy.Decision d = outage.failed(Call.REPEATABLE, failure == null ? Failure.LOST : failure, clock.getAsLong());
        if (outage.justBegan()) {
            LOG.warn("the master at {} does not answer ({} failed: {}); trying again, backing off up to {} ms, until it does; "
                    + "running attempts go on and keep their outcomes for it", master.url(), what, e.getMessage(), settings.retryBackoff().maxMs());
        }
        next(((MasterRetryPolicy.Retry) d).delayMs(), false);
    }

    /** A registration or heartbeat was answered: says so if the master had not answered before. */
    private void answered() {
        int failures = outage.failures();
        long down = outage.ended(clock.getAsLong());
        if (down >= 0) LOG.info("the master at {} answers again after {} ({} tries failed)", master.url(), MasterRetryLoop.duration(down), failures);
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
}
