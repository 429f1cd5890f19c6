package dev.mr.worker.executor;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.spi.JobDefinition;
import dev.mr.shuffle.MapOutputCollector;
import dev.mr.worker.task.MapTask;
import dev.mr.worker.task.ReduceTask;
import dev.mr.api.spi.AttemptId;
import dev.mr.protocol.Assignment;
import dev.mr.security.Credentials;
import dev.mr.shuffle.MapOutputIndex;
import dev.mr.worker.attempt.LoadedJob;
import dev.mr.worker.attempt.TaskAttempt;
import dev.mr.worker.executor.ExecutorWire.AttemptStatus;
import dev.mr.worker.executor.ExecutorWire.Ended;
import dev.mr.worker.executor.ExecutorWire.Event;
import dev.mr.worker.executor.ExecutorWire.Exit;
import dev.mr.worker.executor.ExecutorWire.FetchFailed;
import dev.mr.worker.executor.ExecutorWire.Hello;
import dev.mr.worker.executor.ExecutorWire.Kill;
import dev.mr.worker.executor.ExecutorWire.LoadFailed;
import dev.mr.worker.executor.ExecutorWire.Offer;
import dev.mr.worker.executor.ExecutorWire.Order;
import dev.mr.worker.executor.ExecutorWire.Run;
import dev.mr.worker.executor.ExecutorWire.Started;
import dev.mr.worker.executor.ExecutorWire.Status;
import dev.mr.worker.fetch.FetchSettings;
import dev.mr.worker.fetch.SegmentClient;
import dev.mr.worker.fetch.ShuffleFetcher;
import dev.mr.worker.log.AttemptLogs;
import dev.mr.worker.log.StackTraces;
import dev.mr.worker.shuffle.MapOutputRegistry;
import dev.mr.worker.task.MapOutputFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor: a JVM of its own that runs one job's attempts on one worker, started by the
 * worker daemon ({@code ExecutorProcess}) so that user code can exit, run out of memory, crash
 * or hang without taking the daemon (its chunk server, its shuffle server, its heartbeats)
 * down. It loads the job once, then runs each attempt it is ordered to on a thread of its own,
 * and reports their figures every {@code statusMs} and their ends. Finished map outputs stay
 * where the attempt wrote them, on the worker's disk, for the daemon to serve; this JVM reads
 * its own ones straight from disk when one of its reduces needs them.
 *
 * <p>It exits when told to, and at once when its standard input ends: a daemon that died
 * leaves nothing behind. Exiting halts the JVM, so threads user code started do not keep it.
 *
 * <p>Threads: the main thread reads orders; one thread per attempt; a status thread; fetch
 * threads. Writing events is serialized on the event stream.
 */
public final class ExecutorMain {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorMain.class);

    private final DataOutputStream events;
    private final Hello hello;
    private final LoadedJob job;
    private final MapOutputRegistry ownOutputs = new MapOutputRegistry();
    private final SegmentClient segments;
    private final FetchSettings fetch;
    private final ExecutorService fetchPool = Executors.newCachedThreadPool(daemonThreads("mr-fetch-"));
    private final Map<AttemptId, Running> running = new ConcurrentHashMap<>();

    /** An attempt and its thread; {@code killed} is guarded by {@code this}. */
    private static final class Running {
        final TaskAttempt attempt;
        Thread thread;
        boolean killed;

        Running(TaskAttempt attempt) {
            this.attempt = attempt;
        }

        synchronized boolean killed() {
            return killed;
        }

        synchronized void kill() {
            killed = true;
            if (attempt.fetcher() != null) attempt.fetcher().close();
            if (thread != null) thread.interrupt();
        }
    }

    private ExecutorMain(DataOutputStream events, Hello hello, LoadedJob job) {
        this.events = events;
        this.hello = hello;
        this.job = job;
        this.fetch = FetchSettings.from(job.definition().conf());
        this.segments = new SegmentClient(fetch.timeout(), ownOutputs, trust());
    }

    public static void main(String[] args) {
        // the event stream is standard output as the JVM got it; what code prints goes to standard error
        DataOutputStream events = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream orders = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        System.setIn(InputStream.nullInputStream());
        AttemptLogs.install(null);
        int code = 0;
        try {
            preload();
            Hello hello = ExecutorWire.read(orders, Order.class) instanceof Hello h ? h : null;
            if (hello != null) { // none: a spare whose worker went away
                code = serve(orders, events, hello);
            }
        } catch (Throwable t) {
            System.err.println("mr executor: " + t);
            code = 1;
        }
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private static int serve(DataInputStream orders, DataOutputStream events, Hello hello) throws Exception {
        // its tasks' credentials: their clients find it as the mr.token property (Credentials.find)
        if (hello.token() != null) System.setProperty(Credentials.TOKEN_PROPERTY, hello.token());
        LoadedJob job;
        try {
            List<Path> classPath = hello.classPath() == null ? List.of() : hello.classPath().stream().map(Path::of).toList();
            job = LoadedJob.load(hello.jobId(), new Configuration(hello.conf()), classPath);
        } catch (Throwable t) {
            send(events, new LoadFailed(StackTraces.of(t)));
            return 1;
        }
        ExecutorMain executor = new ExecutorMain(events, hello, job);
        executor.send(new Started(ProcessHandle.current().pid()));
        Thread status = new Thread(executor::reportStatus, "mr-executor-status");
        status.setDaemon(true);
        status.start();
        while (true) {
            Order order = ExecutorWire.read(orders, Order.class);
            if (order == null || order instanceof Exit) {
                LOG.info("executor of {} exiting: {}", hello.jobId(), order == null ? "its worker went away" : "told to");
                return 0;
            }
            executor.carryOut(order);
        }
    }

    /**
     * Loads the framework's classes every job needs (filesystem providers, the task and shuffle
     * code) before the job comes: in a spare executor that is time the job does not wait for.
     */
    private static void preload() {
        try (FileSystems fileSystems = new FileSystems(new Configuration())) {
            fileSystems.resolve("file:/");
        } catch (Exception e) {
            // the job's own load will say what is wrong
        }
        for (Class<?> c : List.of(TaskAttempt.class, MapTask.class, ReduceTask.class, ShuffleFetcher.class, SegmentClient.class,
                MapOutputCollector.class, JobDefinition.class, Counters.class)) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // as above
            }
        }
    }

    private void carryOut(Order order) {
        if (order instanceof Run r) {
            start(r.assignment(), Path.of(r.dir()));
        } else if (order instanceof Offer o) {
            AttemptId id = AttemptId.parse(o.outputs().reduceAttempt());
            Running r = running.get(id);
            if (r != null && r.attempt.fetcher() != null && o.outputs().entries() != null) {
                r.attempt.fetcher().offer(o.outputs().entries(), o.outputs().token());
            }
        } else if (order instanceof Kill k) {
            AttemptId id = AttemptId.parse(k.attempt());
            ownOutputs.remove(id);
            Running r = running.get(id);
            if (r != null) r.kill();
        } else {
            LOG.warn("ignoring an order this executor does not know: {}", order);
        }
    }

    private void start(Assignment a, Path dir) {
        AttemptId id = AttemptId.parse(a.attempt());
        ShuffleFetcher fetcher = id.task().map() ? null
                : new ShuffleFetcher(id, a.maps(), fetch.retry(), segments, this::fetchFailed, fetchPool, System::currentTimeMillis);
        Running r = new Running(new TaskAttempt(id, a, fetcher));
        running.put(id, r);
        TaskAttempt.Setup setup = new TaskAttempt.Setup(hello.workerId(), dir, hello.heapBytes(), hello.slots(), hello.logTailBytes());
        Thread t = new Thread(() -> {
            TaskAttempt.Result result = r.attempt.run(job, setup, r::killed);
            ended(r, result);
        }, "mr-task-" + id);
        synchronized (r) {
            r.thread = t;
        }
        t.start();
    }

    private void ended(Running r, TaskAttempt.Result result) {
        AttemptId id = r.attempt.id();
        MapOutputFiles files = result.outcome() == null ? null : result.files();
        Ended e;
        if (files != null) {
            MapOutputIndex index = files.index();
            int n = index.partitions();
            long[] lengths = new long[n];
            long[] rawLengths = new long[n];
            long[] records = new long[n];
            int[] crcs = new int[n];
            for (int p = 0; p < n; p++) {
                lengths[p] = index.length(p);
                rawLengths[p] = index.rawLength(p);
                records[p] = index.records(p);
                crcs[p] = index.crc32c(p);
            }
            ownOutputs.add(new MapOutputRegistry.Held(id, files.data(), files.data().getParent(), index));
            e = new Ended(id.toString(), result.outcome(), files.data().toString(), files.indexFile().toString(), index.codec().label(),
                    lengths, rawLengths, records, crcs);
        } else {
            e = new Ended(id.toString(), result.outcome(), null, null, null, null, null, null, null);
        }
        running.remove(id);
        send(e);
    }

    private void fetchFailed(AttemptId reduce, AttemptId map, String error) {
        send(new FetchFailed(reduce.toString(), map.toString(), error));
    }

    private void reportStatus() {
        Runtime rt = Runtime.getRuntime();
        while (true) {
            try {
                Thread.sleep(hello.statusMs());
            } catch (InterruptedException e) {
                return;
            }
            List<AttemptStatus> list = new ArrayList<>(running.size());
            for (Running r : running.values()) {
                TaskAttempt a = r.attempt;
                list.add(new AttemptStatus(a.id().toString(), a.progress(), a.mapOutputsKnown(), a.ticks(), a.statusMessage()));
            }
            send(new Status(rt.totalMemory() - rt.freeMemory(), list));
        }
    }

    private void send(Event e) {
        send(events, e);
    }

    /** Writes one event; a daemon that stopped reading is gone, and so must this JVM be. */
    private static void send(DataOutputStream events, Event e) {
        try {
            synchronized (events) {
                ExecutorWire.write(events, e);
            }
        } catch (Exception ex) {
            System.err.println("mr executor: cannot reach its worker (" + ex + "); exiting");
            Runtime.getRuntime().halt(1);
        }
    }

    private static Credentials trust() {
        try {
            return Credentials.find(System::getProperty);
        } catch (Exception e) {
            LOG.warn("no credentials for fetching map outputs over TLS: {}", e.getMessage());
            return Credentials.none();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
