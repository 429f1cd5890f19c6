package dev.mr.master.core;

import java.util.function.Function;
import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.master.scheduler.AttemptUpdate;
import dev.mr.master.scheduler.Effect;
import dev.mr.master.scheduler.Event;
import dev.mr.master.scheduler.MapOutputEvent;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.MapOutputEntry;
import dev.mr.protocol.MapOutputs;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.StatusMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates between the workers' wire messages and the scheduler's events and effects:
 * checks each request (a {@link Refusal} with status 400 names a malformed field), builds the
 * event, and builds the answer from the effects addressed to the worker that asked, adding to
 * each map assignment its split, which only the master edge keeps. Stateless; the answer
 * reads the {@link JobTable}, so it runs on the scheduler thread.
 */
final class WorkerMessages {

    private WorkerMessages() {}

    static Event.WorkerRegistered registered(RegisterRequest r, long now) {
        if (r == null) throw Refusal.badRequest("missing registration body");
        String id = workerId(r.workerId());
        if (blank(r.host())) throw Refusal.badRequest("registration of " + id + " has no host (the locality key: its chunk server's host:port)");
        if (blank(r.address()) || !(r.address().startsWith("http://") || r.address().startsWith("https://"))) {
            throw Refusal.badRequest("registration of " + id + " has address '" + r.address() + "'; give its base URL, http://host:port");
        }
        if (r.slots() < 0) throw Refusal.badRequest("registration of " + id + " has " + r.slots() + " slots; give 0 or more");
        if (r.memoryMb() < 0) throw Refusal.badRequest("registration of " + id + " has memoryMb " + r.memoryMb() + "; give its --memory in MiB, or 0");
        return new Event.WorkerRegistered(now, id, r.host(), r.address(), r.slots(), attemptIds(r.running()), attemptIds(r.mapOutputs()),
                hostNames(id, r.hostNames()));
    }

    /** The most other names a worker may go by: a machine has a few names and addresses, not hundreds. */
    static final int MAX_HOST_NAMES = 32;

    private static List<String> hostNames(String worker, List<String> names) {
        if (names == null) return List.of(); // a worker that predates them
        if (names.size() > MAX_HOST_NAMES) {
            throw Refusal.badRequest("registration of " + worker + " has " + names.size() + " hostNames; give at most " + MAX_HOST_NAMES
                    + " (its machine's host names and addresses, mr.worker.hostname)");
        }
        for (String n : names) {
            if (blank(n) || n.length() > 255 || n.chars().anyMatch(c -> c <= ' ' || c == ',')) {
                throw Refusal.badRequest("registration of " + worker + " has host name '" + n + "'; give host names and addresses as DNS "
                        + "spells them, without spaces or commas (mr.worker.hostname)");
            }
        }
        return names;
    }

    private static List<AttemptId> attemptIds(List<String> ids) {
        List<AttemptId> out = new ArrayList<>();
        if (ids != null) for (String s : ids) out.add(attemptId(s));
        return out;
    }

    static Event.HeartbeatReceived heartbeat(HeartbeatRequest r, long now) {
        if (r == null) throw Refusal.badRequest("missing heartbeat body");
        String id = workerId(r.workerId());
        if (r.freeSlots() < 0) throw Refusal.badRequest("heartbeat of " + id + " has " + r.freeSlots() + " free slots");
        List<AttemptUpdate> reports = new ArrayList<>();
        if (r.reports() != null) for (dev.mr.protocol.AttemptReport rep : r.reports()) reports.add(report(id, rep));
        return new Event.HeartbeatReceived(now, id, r.incarnation(), r.freeSlots(), reports);
    }

    private static AttemptUpdate report(String worker, dev.mr.protocol.AttemptReport r) {
        if (r == null) throw Refusal.badRequest("heartbeat of " + worker + " has a null report");
        AttemptId a = attemptId(r.attempt());
        String status = r.status() == null ? "" : r.status();
        return switch (status) {
            case dev.mr.protocol.AttemptReport.RUNNING -> new AttemptUpdate.Running(a, Math.max(0, Math.min(1, r.progress())),
                    Math.max(0, r.mapOutputsKnown()), StatusMessage.of(r.statusMessage()));
            case dev.mr.protocol.AttemptReport.FINISHED -> new AttemptUpdate.Finished(a, counters(r.counters()), StatusMessage.of(r.statusMessage()));
            case dev.mr.protocol.AttemptReport.FAILED -> new AttemptUpdate.Failed(a, r.error() == null ? "(no error given)" : r.error(),
                    blank(r.badRecord()) ? null : r.badRecord());
            case dev.mr.protocol.AttemptReport.LOST -> new AttemptUpdate.Lost(a, r.error() == null ? "(no reason given)" : r.error());
            default -> throw Refusal.badRequest("report on " + a + " has status '" + r.status() + "'; expected RUNNING, FINISHED, FAILED or LOST");
        };
    }

    static Event.FetchFailureReported fetchFailure(FetchFailure f, long now) {
        if (f == null) throw Refusal.badRequest("missing fetch failure body");
        return new Event.FetchFailureReported(now, workerId(f.workerId()), f.incarnation(), attemptId(f.reduceAttempt()),
                attemptId(f.mapAttempt()));
    }

    /** The heartbeat answer: every effect in {@code answers} is addressed to the worker that asked. */
    static HeartbeatResponse response(List<Effect.ToWorker> answers, JobTable table, Function<String, String> shuffleGrant) {
        boolean reregister = false;
        List<Assignment> assignments = new ArrayList<>();
        List<String> kills = new ArrayList<>();
        List<MapOutputs> outputs = new ArrayList<>();
        List<String> cleanups = new ArrayList<>();
        for (Effect.ToWorker e : answers) {
            if (e instanceof Effect.Reregister) reregister = true;
            else if (e instanceof Effect.AssignAttempt a) assignments.add(assignment(a, table));
            else if (e instanceof Effect.KillAttempt k) kills.add(k.attempt().toString());
            else if (e instanceof Effect.TellMapOutputs t) outputs.add(mapOutputs(t, shuffleGrant));
            else if (e instanceof Effect.CleanUpJob c) cleanups.add(c.jobId());
        }
        return new HeartbeatResponse(reregister, assignments, kills, outputs, cleanups);
    }

    private static Assignment assignment(Effect.AssignAttempt a, JobTable table) {
        JobTable.LiveJob job = table.live(a.attempt().task().jobId());
        if (job == null) throw new IllegalStateException("assignment " + a.attempt() + " of a job the master has no record of");
        int maps = job.record.mapCount();
        int reduces = job.record.reduces();
        if (!a.attempt().task().map()) {
            return new Assignment(a.attempt().toString(), null, null, maps, reduces, a.dataLocal(), a.backup(), a.skipMode(), a.skipRecords());
        }
        EncodedSplit s = job.record.splits().get(a.attempt().task().index());
        return new Assignment(a.attempt().toString(), s.split(), s.path(), maps, reduces, a.dataLocal(), a.backup(), a.skipMode(),
                a.skipRecords());
    }

    private static MapOutputs mapOutputs(Effect.TellMapOutputs t, Function<String, String> shuffleGrant) {
        List<MapOutputEntry> entries = new ArrayList<>(t.events().size());
        for (MapOutputEvent e : t.events()) entries.add(new MapOutputEntry(e.index(), e.mapAttempt().toString(), e.address(), e.obsolete()));
        return new MapOutputs(t.reduceAttempt().toString(), entries, shuffleGrant.apply(t.reduceAttempt().task().jobId()));
    }

    private static Counters counters(Map<String, Map<String, Long>> values) {
        Counters c = new Counters();
        if (values == null) return c;
        values.forEach((group, names) -> {
            if (names != null) names.forEach((name, v) -> c.increment(group, name, v == null ? 0 : v));
        });
        return c;
    }

    private static String workerId(String id) {
        if (blank(id)) throw Refusal.badRequest("missing workerId");
        return id;
    }

    static AttemptId attemptId(String s) {
        if (blank(s)) throw Refusal.badRequest("missing attempt id");
        try {
            return AttemptId.parse(s);
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("'" + s + "' is not an attempt id (expected e.g. job_0001_m_000003_0)");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
