package dev.mr.master;

import static dev.mr.api.testing.Await.await;

import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.ClusterSecurity;
import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.http.ChunkServer;
import dev.mr.dfs.http.VertxFutures;
import dev.mr.master.http.MasterDaemon;
import dev.mr.protocol.WorkerLoad;
import dev.mr.worker.http.WorkerHttpServer;
import dev.mr.worker.runtime.Advertised;
import dev.mr.worker.runtime.MachineNames;
import dev.mr.worker.runtime.Worker;
import dev.mr.worker.runtime.WorkerDirs;
import dev.mr.worker.runtime.WorkerSettings;
import dev.mr.worker.shuffle.MapOutputRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real cluster in this JVM, on loopback: the master daemon (port 0, a temp dir) and worker
 * daemons wired as {@code WorkerMain} wires them (each its own Vert.x, HTTP server with chunk
 * server and shuffle server, heartbeat loop and task slots), talking to each other over HTTP
 * exactly as separate processes would. Tests of mr-master use it rather than
 * {@code scripts/mr-cluster} because in a fresh clone mr-master is built and tested before the
 * scripts' jars exist; mr-worker is a test-scope dependency (it does not depend on mr-master).
 * Methods block; call them from the test thread.
 */
final class LocalCluster implements AutoCloseable {


    /** One worker daemon's parts, closed in reverse order of their start. */
    private record WorkerProcess(Vertx vertx, WorkerHttpServer http, ChunkServer chunks, Worker worker, WorkerDirs dirs) {}

    MasterDaemon master;
    final Api api;
    private final Path masterDir;
    private final Configuration masterConf;
    private final ClusterSecurity security;
    private final List<WorkerProcess> workers = new ArrayList<>();

    private LocalCluster(MasterDaemon master, ClusterSecurity security, Path masterDir, Configuration masterConf) {
        this.master = master;
        this.masterDir = masterDir;
        this.masterConf = masterConf;
        this.security = security;
        this.api = new Api(master.url(), security.credentials());
    }

    /** Starts the master and {@code workers} workers of {@code slots} slots each, and waits until all registered. */
    static LocalCluster start(Path dir, Configuration conf, int workers, int slots) throws Exception {
        return start(dir, conf, workers, slots, ClusterSecretExtension.security());
    }

    /** Like {@link #start(Path, Configuration, int, int)}, every daemon holding {@code security} (e.g. with TLS). */
    static LocalCluster start(Path dir, Configuration conf, int workers, int slots, ClusterSecurity security) throws Exception {
        List<Configuration> confs = new ArrayList<>();
        for (int i = 0; i < workers; i++) confs.add(conf);
        return start(dir, conf, confs, slots, security);
    }

    /**
     * A worker per name of {@code hostNames}, each going by that name for locality ({@code mr.worker.hostname}),
     * as if each ran on a host of its own (they all listen on loopback).
     */
    static LocalCluster start(Path dir, Configuration conf, List<String> hostNames, int slots) throws Exception {
        List<Configuration> confs = new ArrayList<>();
        for (String name : hostNames) confs.add(conf.copy().set(MachineNames.KEY, name));
        return start(dir, conf, confs, slots, ClusterSecretExtension.security());
    }

    private static LocalCluster start(Path dir, Configuration conf, List<Configuration> workerConfs, int slots, ClusterSecurity security)
            throws Exception {
        LocalCluster c = new LocalCluster(MasterDaemon.start(dir.resolve("master"), "127.0.0.1", "127.0.0.1", 0, conf, security), security,
                dir.resolve("master"), conf);
        int workers = workerConfs.size();
        try {
            for (int i = 0; i < workers; i++) c.addWorker(dir.resolve("worker-" + i), workerConfs.get(i), slots);
            await(Duration.ofSeconds(30), workers + " workers to register",
                    () -> c.api.get("/api/v1/workers").text().split("\"ALIVE\"", -1).length - 1 >= workers);
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Starts one more worker daemon of {@code slots} slots in {@code dir}; it registers on its own. */
    void addWorker(Path dir, Configuration conf, int slots) throws IOException {
        WorkerDirs dirs = new WorkerDirs(dir);
        dirs.prepare();
        WorkerSettings ws = WorkerSettings.from(master.url(), slots, conf);
        Vertx vertx = Vertx.vertx();
        MapOutputRegistry outputs = new MapOutputRegistry();
        ChunkServer chunks = new ChunkServer(vertx, dirs.chunks(), ws.masterUrl(), DfsSettings.from(ws.conf()), security.credentials());
        WorkerHttpServer http = WorkerHttpServer.start(vertx, outputs, chunks, "127.0.0.1", 0, security);
        Advertised advertised = new Advertised("127.0.0.1", http.port(), security.scheme(), MachineNames.from(ws.conf()));
        VertxFutures.await(chunks.start(advertised.hostPort()));
        Worker worker = new Worker(ws, dirs, dirs.workerId(), advertised, outputs,
                () -> new WorkerLoad(chunks.store().usedBytes(), chunks.store().freeBytes(), chunks.store().size()), security.credentials());
        worker.start();
        workers.add(new WorkerProcess(vertx, http, chunks, worker, dirs));
    }

    /**
     * Stops the master (without journaling anything more about its jobs: to them it is as if it
     * died) and starts it again on the same port and directory; the workers ride through.
     */
    void restartMaster() throws IOException {
        int port = master.port();
        master.close();
        master = MasterDaemon.start(masterDir, "127.0.0.1", "127.0.0.1", port, masterConf, security);
    }

    @Override
    public void close() {
        for (WorkerProcess w : workers) {
            try {
                w.worker().close();
                VertxFutures.await(w.chunks().stop());
                w.http().close();
                VertxFutures.await(w.vertx().close());
                w.dirs().release();
            } catch (Exception e) {
                System.err.println("stopping a worker: " + e);
            }
        }
        master.close();
    }
}
