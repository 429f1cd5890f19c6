package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.AttemptUpdate.Failed;
import dev.mr.master.scheduler.AttemptUpdate.Finished;
import dev.mr.master.scheduler.AttemptUpdate.Running;
import dev.mr.master.scheduler.Effect.AssignAttempt;
import dev.mr.master.scheduler.Event.HeartbeatReceived;
import dev.mr.master.scheduler.SimWorker.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A cluster around one {@link Scheduler}, driven by one seeded {@link Random} in 100 ms steps:
 * workers that heartbeat, run attempts, fetch map outputs and report what they cannot fetch; an
 * edge that performs commits late, sometimes fails them, sometimes confirms twice; and faults —
 * workers that crash and restart, pause past their expiry and resume, lost and duplicated answers,
 * heartbeats of an earlier life delivered late, failing, slow, poisonous and worker-killing tasks,
 * attempts lost with their executor, spurious fetch failures, kill requests. Some jobs allow
 * skipping records: their poison map dies on a few bad records, one per skip-mode attempt, and
 * then succeeds skipping them, within the job's limit or past it. {@link Invariants} are checked after every event. After
 * {@code faultsUntilMs} no new fault is injected and every job must end.
 */
final class Simulation {

    private static final long STEP = 100;

    /** The simulation's view of a submitted job. */
    record SimJob(String id, long submitAt, JobSettings settings, List<MapSplit> splits, int reduces,
                  long[] mapMs, long[] reduceMs, int poisonMap, int killerMap, int poisonRecords) {}

    private record Scheduled(long at, long seq, Event event) {}

    final SimConfig cfg;
    final Random random;
    final Scheduler scheduler = new Scheduler(SchedulerSettings.defaults());
    final Invariants invariants = new Invariants(scheduler);
    /** Every event delivered and its effects, when recording (for the replay test). */
    final List<Event> events;
    final List<List<Effect>> effects;
    long now;
    long delivered;
    int crashes;
    int pauses;
    private final List<SimWorker> workers = new ArrayList<>();
    private final Map<String, SimWorker> byAddress = new HashMap<>();
    private final LinkedHashMap<String, SimJob> jobs = new LinkedHashMap<>();
    private final List<SimJob> toSubmit = new ArrayList<>();
    private final PriorityQueue<Scheduled> edge =
            new PriorityQueue<>(Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::seq));
    private long seq;

    Simulation(SimConfig cfg, long seed, boolean record) {
        this.cfg = cfg;
        this.random = new Random(seed);
        this.events = record ? new ArrayList<>() : null;
        this.effects = record ? new ArrayList<>() : null;
    }

    void run() {
        for (int i = 0; i < cfg.workers(); i++) {
            SimWorker w = new SimWorker(String.format("w%05d", i), "h" + i + ":7071", List.of("h" + i, address(i)), cfg.slots());
            w.process = SimWorker.Process.UP;
            w.nextHeartbeat = random.nextInt(3_000);
            workers.add(w);
            byAddress.put(w.address, w);
        }
        for (int i = 0; i < cfg.jobs(); i++) toSubmit.add(newJob(i + 1));
        toSubmit.sort(Comparator.comparingLong(SimJob::submitAt).thenComparing(SimJob::id));
        long limit = cfg.faultsUntilMs() + 3_600_000;
        while (!toSubmit.isEmpty() || !edge.isEmpty() || !invariants.unfinished().isEmpty()) {
            if (now > limit) throw new AssertionError("jobs did not end within an hour of calm: " + invariants.unfinished());
            now += STEP;
            while (!toSubmit.isEmpty() && toSubmit.get(0).submitAt() <= now) submit(toSubmit.remove(0));
            while (!edge.isEmpty() && edge.peek().at() <= now) deliver(edge.poll().event());
            boolean faulty = now < cfg.faultsUntilMs();
            if (faulty) injectFaults();
            for (SimWorker w : workers) {
                if (w.process != SimWorker.Process.UP && (w.wakeAt <= now || !faulty)) wake(w);
                if (w.up() && w.nextHeartbeat <= now) beat(w, faulty);
            }
            if (now % 1_000 == 0) deliver(new Event.Ticked(now));
        }
        invariants.agreeWithScheduler();
    }

    private SimJob newJob(int n) {
        String id = String.format("job_%04d", n);
        int maps = Math.max(0, cfg.mapsPerJob() / 2 + random.nextInt(cfg.mapsPerJob() + 1));
        int reduces = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(Math.max(1, cfg.reducesPerJob() * 2));
        List<MapSplit> splits = new ArrayList<>(maps);
        long[] mapMs = new long[maps];
        for (int i = 0; i < maps; i++) {
            List<String> hosts = new ArrayList<>();
            for (int r = 0; r < 3; r++) replicaHosts(hosts, r);
            splits.add(new MapSplit(i, 64L << 20, hosts));
            mapMs[i] = 1_000 + random.nextInt(5_000);
        }
        long[] reduceMs = new long[reduces];
        for (int i = 0; i < reduces; i++) reduceMs[i] = 2_000 + random.nextInt(6_000);
        double slowstart = new double[] {0.05, 0.05, 0.5, 1.0, 0}[random.nextInt(5)];
        boolean speculation = random.nextInt(4) != 0;
        int poison = maps > 0 && random.nextDouble() < cfg.poisonJobs() ? random.nextInt(maps) : -1;
        int killer = maps > 0 && random.nextDouble() < cfg.killerJobs() ? random.nextInt(maps) : -1;
        long skipMax = random.nextInt(2) == 0 ? 1 + random.nextInt(4) : 0;
        int poisonRecords = 1 + random.nextInt(3);
        JobSettings s = new JobSettings(slowstart, 4, 10, 3, 33, 3, speculation, 10_000, 2.0, 1_000, skipMax, 0, 2);
        return new SimJob(id, random.nextInt((int) Math.max(1, cfg.faultsUntilMs() / 2)), s, splits, reduces, mapMs, reduceMs, poison, killer,
                poisonRecords);
    }

    /**
     * Adds the names of a replica's holder as the stores name them: dfs-lite a chunk server by its
     * {@code host:port}, HDFS a DataNode by host name then address (on a worker's machine, or off the cluster).
     */
    private void replicaHosts(List<String> hosts, int r) {
        int n = random.nextInt(cfg.workers());
        switch (random.nextInt(4)) {
            case 0 -> hosts.add("off-cluster-" + r);
            case 1 -> hosts.add("h" + n + ":7071");
            case 2 -> {
                hosts.add("h" + n);
                hosts.add(address(n));
            }
            default -> hosts.add(random.nextBoolean() ? "H" + n : address(n)); // known by one name only, in any case
        }
    }

    private static String address(int worker) {
        return "10.0." + (worker >> 8) + "." + (worker & 0xff);
    }

    private void submit(SimJob j) {
        jobs.put(j.id(), j);
        invariants.submitted(j.id(), j.settings(), j.splits());
        deliver(new Event.JobSubmitted(now, j.id(), j.settings(), j.splits(), j.reduces()));
    }

    List<Effect> deliver(Event e) {
        List<Effect> out = scheduler.on(e);
        delivered++;
        if (events != null) {
            events.add(e);
            effects.add(out);
        }
        invariants.after(e, out);
        boolean faulty = now < cfg.faultsUntilMs();
        for (Effect x : out) {
            if (x instanceof Effect.CommitTask c) {
                long at = now + random.nextInt(500);
                if (faulty && chance(cfg.commitFailure())) later(at, new Event.TaskCommitFailed(at, c.attempt(), "simulated rename failure"));
                else later(at, new Event.TaskCommitFinished(at, c.attempt()));
                if (faulty && chance(0.03)) later(at + 1_000, new Event.TaskCommitFinished(at + 1_000, c.attempt()));
            } else if (x instanceof Effect.CommitJob c) {
                long at = now + random.nextInt(500);
                if (faulty && chance(cfg.commitFailure() / 2)) later(at, new Event.JobCommitFailed(at, c.jobId(), "simulated _SUCCESS failure"));
                else later(at, new Event.JobCommitFinished(at, c.jobId()));
            }
        }
        return out;
    }

    private void later(long at, Event e) {
        edge.add(new Scheduled(Math.max(at, now + 1), seq++, e));
    }

    private void injectFaults() {
        double perStep = STEP / 1000.0;
        if (chance(cfg.workerDeathsPerSecond() * perStep)) {
            SimWorker w = workers.get(random.nextInt(workers.size()));
            if (w.up()) crash(w);
        }
        if (chance(cfg.workerPausesPerSecond() * perStep)) {
            SimWorker w = workers.get(random.nextInt(workers.size()));
            if (w.up()) {
                w.process = SimWorker.Process.PAUSED;
                w.wakeAt = now + 3_000 + random.nextInt(22_000); // often past the 10 s expiry
                pauses++;
            }
        }
        if (chance(cfg.jobKillsPerSecond() * perStep) && !jobs.isEmpty()) {
            List<String> ids = new ArrayList<>(jobs.keySet());
            deliver(new Event.JobKillRequested(now, ids.get(random.nextInt(ids.size()))));
        }
    }

    private void crash(SimWorker w) {
        w.process = SimWorker.Process.DOWN;
        w.wakeAt = now + 2_000 + random.nextInt(20_000);
        w.forget();
        crashes++;
    }

    private void wake(SimWorker w) {
        w.process = SimWorker.Process.UP;
        w.nextHeartbeat = now;
    }

    private void beat(SimWorker w, boolean faulty) {
        w.nextHeartbeat = now + 1_500 + random.nextInt(1_000);
        if (w.incarnation == 0) {
            List<Effect> out = deliver(new Event.WorkerRegistered(now, w.id, w.host, w.address, w.slots, List.of(), List.of(), w.hostNames));
            w.incarnation = Harness.only(out, Effect.AcceptWorker.class).get(0).incarnation();
            return;
        }
        List<AttemptUpdate> running = new ArrayList<>();
        for (Run r : new ArrayList<>(w.runs.values())) {
            if (!r.id.task().map() && r.doneAt == Long.MAX_VALUE) fetch(w, r, faulty);
            if (w.incarnation == 0) return; // told to register again while reporting a fetch failure
            if (now < r.doneAt) {
                running.add(new Running(r.id, Math.min(0.99, (now - r.start) / 10_000.0), r.known));
                continue;
            }
            if (r.crashesWorker) {
                crash(w);
                return;
            }
            w.runs.remove(r.id);
            if (r.fails) {
                w.unacknowledged.add(new Failed(r.id, "java.lang.IllegalStateException: simulated failure of " + r.id, r.badRecord));
            } else if (faulty && chance(cfg.attemptFailure() / 4)) {
                w.unacknowledged.add(new AttemptUpdate.Lost(r.id, "simulated: its executor was stopped for another attempt"));
            } else {
                invariants.skipped(r.id, r.skipped);
                w.unacknowledged.add(new Finished(r.id, Invariants.countersOf(r.id, r.skipped)));
                if (r.id.task().map() && jobs.get(r.id.task().jobId()).reduces() > 0) w.outputsOnDisk.add(r.id);
            }
        }
        List<AttemptUpdate> reports = new ArrayList<>(w.unacknowledged);
        reports.addAll(running);
        HeartbeatReceived hb = new HeartbeatReceived(now, w.id, w.incarnation, w.slots - w.runs.size(), reports);
        w.lastSent = hb;
        if (faulty && chance(cfg.duplicateHeartbeat())) deliver(hb); // the first copy's answer is lost
        List<Effect> out = deliver(hb);
        if (faulty && chance(cfg.lostAnswer())) return; // the worker retries with the same outcomes
        w.unacknowledged.clear();
        apply(w, out);
        if (faulty && w.earlierLife != null && w.incarnation != 0 && chance(cfg.staleHeartbeat())) {
            HeartbeatReceived old = w.earlierLife;
            w.earlierLife = null;
            List<Effect> late = deliver(new HeartbeatReceived(now, old.workerId(), old.incarnation(), old.freeSlots(), old.reports()));
            for (Effect x : late) {
                if (!(x instanceof Effect.LogIgnored)) throw new AssertionError("a late heartbeat of an earlier life had effect " + x);
            }
        }
    }

    private void apply(SimWorker w, List<Effect> out) {
        for (Effect x : out) {
            if (x instanceof AssignAttempt a) {
                w.runs.put(a.attempt(), newRun(a));
                if (w.runs.size() > w.slots) throw new AssertionError(w.id + " was given more attempts than slots: " + w.runs.keySet());
            } else if (x instanceof Effect.KillAttempt k) {
                w.runs.remove(k.attempt());
                w.outputsOnDisk.remove(k.attempt());
            } else if (x instanceof Effect.TellMapOutputs t) {
                Run r = w.runs.get(t.reduceAttempt());
                if (r == null) throw new AssertionError("map outputs for an attempt " + w.id + " does not run: " + t);
                for (MapOutputEvent ev : t.events()) {
                    if (ev.index() != r.known) throw new AssertionError("map output log entry " + ev + " after " + r.known + " entries");
                    r.known++;
                    int map = ev.mapAttempt().task().index();
                    if (r.fetched.contains(map)) continue;
                    if (!ev.obsolete()) r.toFetch.put(map, ev);
                    else if (r.toFetch.containsKey(map) && r.toFetch.get(map).mapAttempt().equals(ev.mapAttempt())) r.toFetch.remove(map);
                }
            } else if (x instanceof Effect.Reregister) {
                w.forget();
            } else if (x instanceof Effect.CleanUpJob c) {
                w.outputsOnDisk.removeIf(a -> a.task().jobId().equals(c.jobId()));
            }
        }
    }

    private Run newRun(AssignAttempt assignment) {
        AttemptId a = assignment.attempt();
        SimJob j = jobs.get(a.task().jobId());
        int i = a.task().index();
        boolean map = a.task().map();
        boolean faulty = now < cfg.faultsUntilMs();
        boolean poison = map && i == j.poisonMap();
        // in skip mode a poison map dies on the first of its bad records it was not told to skip, then skips them all
        String badRecord = null;
        if (poison && assignment.skipMode()) {
            for (int k = 0; k < j.poisonRecords() && badRecord == null; k++) {
                if (!assignment.skipRecords().contains("poison:" + k)) badRecord = "poison:" + k;
            }
        }
        boolean fails = (poison && (!assignment.skipMode() || badRecord != null)) || (faulty && chance(cfg.attemptFailure()));
        long skipped = poison && !fails ? j.poisonRecords() : 0;
        long ms = map ? j.mapMs()[i] : j.reduceMs()[i];
        if (chance(0.05)) ms *= 6; // a straggler: slow disk, busy host
        long doneAt = fails ? now + ms / 2 : map ? now + ms : Long.MAX_VALUE;
        return new Run(a, now, doneAt, fails, map && i == j.killerMap(), fails ? badRecord : null, skipped);
    }

    /** A reduce attempt fetches what it knows of; an output it cannot reach is reported. */
    private void fetch(SimWorker w, Run r, boolean faulty) {
        SimJob j = jobs.get(r.id.task().jobId());
        for (MapOutputEvent ev : new ArrayList<>(r.toFetch.values())) {
            SimWorker from = byAddress.get(ev.address());
            boolean ok = from.up() && from.outputsOnDisk.contains(ev.mapAttempt()) && !(faulty && chance(cfg.spuriousFetchFailure()));
            if (ok) {
                r.toFetch.remove(ev.mapAttempt().task().index());
                r.fetched.add(ev.mapAttempt().task().index());
            } else {
                List<Effect> out = deliver(new Event.FetchFailureReported(now, w.id, w.incarnation, r.id, ev.mapAttempt()));
                for (Effect x : out) {
                    if (x instanceof Effect.Reregister) throw new AssertionError("fetch failure answered with " + x);
                }
            }
        }
        if (r.fetched.size() == j.splits().size()) r.doneAt = now + j.reduceMs()[r.id.task().index()];
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    String summary() {
        long overSkipLimit = scheduler.jobs().stream().filter(j -> j.diagnostics().contains("were skipped, more than")).count();
        return String.format("%s: %d workers, %d jobs (%d succeeded, %d failed, %d of them past their skip limit, %d killed), %d events, "
                        + "%d assignments (%d backups, %d in skip mode, %d maps data-local), %d crashes, %d pauses, %d reports ignored, %.0f s simulated",
                cfg.name(), cfg.workers(), jobs.size(), invariants.ended(JobPhase.SUCCEEDED).size(), invariants.ended(JobPhase.FAILED).size(),
                overSkipLimit, invariants.ended(JobPhase.KILLED).size(), delivered, invariants.assignments, invariants.backups,
                invariants.skipModeAssignments, invariants.localMaps, crashes, pauses, invariants.ignored, now / 1000.0);
    }
}
