package dev.mr.master;

import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.ExecutorView;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.RegisterResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A worker that does no work: it registers and heartbeats over real HTTP with whatever reports
 * a test gives, the way the worker daemon talks to the master.
 */
final class FakeWorker {

    final Api api;
    final String id;
    final String host;
    final String address;
    long incarnation;

    FakeWorker(Api api, String id, String host, String address) {
        this.api = api;
        this.id = id;
        this.host = host;
        this.address = address;
    }

    FakeWorker register(int slots) throws IOException, InterruptedException {
        return register(slots, 0);
    }

    /** Registers telling {@code memoryMb}, the worker's {@code --memory} (0: not told). */
    FakeWorker register(int slots, long memoryMb) throws IOException, InterruptedException {
        Api.Reply r = api.postJson("/api/v1/workers/register", new RegisterRequest(id, host, address, slots, memoryMb));
        if (r.status() != 200) throw new AssertionError("register: HTTP " + r.status() + " " + r.text());
        incarnation = r.as(RegisterResponse.class).incarnation();
        return this;
    }

    HeartbeatResponse heartbeat(int freeSlots, AttemptReport... reports) throws IOException, InterruptedException {
        return heartbeat(freeSlots, List.of(), reports);
    }

    /** A heartbeat that also tells the executor JVMs the worker runs. */
    HeartbeatResponse heartbeat(int freeSlots, List<ExecutorView> executors, AttemptReport... reports) throws IOException, InterruptedException {
        Api.Reply r = api.postJson("/api/v1/heartbeat", new HeartbeatRequest(id, incarnation, freeSlots, List.of(reports), null, executors));
        if (r.status() != 200) throw new AssertionError("heartbeat: HTTP " + r.status() + " " + r.text());
        return r.as(HeartbeatResponse.class);
    }

    static AttemptReport running(String attempt) {
        return new AttemptReport(attempt, AttemptReport.RUNNING, 0.5, 0, null, null, null);
    }

    static AttemptReport running(String attempt, int mapOutputsKnown) {
        return new AttemptReport(attempt, AttemptReport.RUNNING, 0.5, mapOutputsKnown, null, null, null);
    }

    static AttemptReport finished(String attempt, Map<String, Map<String, Long>> counters) {
        return new AttemptReport(attempt, AttemptReport.FINISHED, 1, 0, counters, null, null);
    }

    static AttemptReport failed(String attempt, String error, String log) {
        return new AttemptReport(attempt, AttemptReport.FAILED, 0, 0, null, error, log);
    }
}
