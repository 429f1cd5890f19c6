package dev.mr.worker.runtime;

import dev.mr.security.Credentials;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.WorkerLoad;
import dev.mr.worker.shuffle.MapOutputRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's runtime without its HTTP server: the heartbeat loop on its thread ({@code mr-heartbeat}), the task runner
 * with its slots, the job cache, and the registry of map outputs the HTTP server serves from.
 * {@link WorkerDirs#prepare} must have run. The daemon's main class wires it to the HTTP server
 * (and the chunk server); tests run it against a fake master. Thread-safe; {@link #close} once.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final TaskRunner runner;
    private final HeartbeatLoop loop;
    private final MasterClient master;
    private final ScheduledExecutorService heartbeats;

    public Worker(WorkerSettings settings, WorkerDirs dirs, String workerId, Advertised advertised, MapOutputRegistry outputs,
                  Supplier<WorkerLoad> load, Credentials credentials) throws java.io.IOException {
        this(settings, dirs, workerId, advertised, outputs, load, credentials, () -> { });
    }

    /** {@code onRefused}: run (on the heartbeat thread) when the master refuses the worker's credentials; the worker stops heartbeating. */
    public Worker(WorkerSettings settings, WorkerDirs dirs, String workerId, Advertised advertised, MapOutputRegistry outputs,
                  Supplier<WorkerLoad> load, Credentials credentials, Runnable onRefused) throws java.io.IOException {
        this.master = new MasterClient(settings.masterUrl(), workerId, settings.rpcTimeout(), credentials);
        AttemptBook book = new AttemptBook();
        JobCache jobs = new JobCache(master, dirs, settings.conf());
        HeartbeatLoop[] loopRef = new HeartbeatLoop[1];
        this.runner = new TaskRunner(settings, dirs, workerId, jobs, outputs, book, master, () -> loopRef[0].wakeUp());
        RegisterRequest registration = new RegisterRequest(workerId, advertised.hostPort(), advertised.url(), settings.slots(),
                settings.memoryMb()).named(advertised.hostNames());
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mr-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.loop = new HeartbeatLoop(settings, master, book, runner, registration, load, onRefused,
                (step, delayMs) -> heartbeats.schedule(step, delayMs, TimeUnit.MILLISECONDS), () -> System.nanoTime() / 1_000_000);
        loopRef[0] = loop;
    }

    public void start() {
        loop.start();
    }

    /** The incarnation the master gave, or -1 while not registered. */
    public long incarnation() {
        return master.incarnation();
    }

    public int freeSlots() {
        return runner.freeSlots();
    }

    /** Stops heartbeating and kills every attempt; files stay for the next start to clean up. */
    @Override
    public void close() throws InterruptedException {
        loop.stop();
        heartbeats.shutdownNow(); // interrupts a call to the master in flight
        heartbeats.awaitTermination(5, TimeUnit.SECONDS);
        runner.close();
        LOG.info("worker stopped");
    }
}
