package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.Event.HeartbeatReceived;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulated worker process: what it runs, the outcomes it has not yet had acknowledged, and the
 * map outputs on its disk. It follows the protocol a real worker must: one heartbeat at a time,
 * every running attempt reported, outcomes resent until a heartbeat carrying them is answered,
 * everything dropped when told to register again.
 */
final class SimWorker {

    enum Process { UP, PAUSED, DOWN }

    /** One attempt as the worker runs it. */
    static final class Run {
        final AttemptId id;
        final long start;
        /** When its work is done; for a reduce, set once it fetched every map output. */
        long doneAt;
        final boolean fails;
        final boolean crashesWorker;
        /** For a failing skip-mode attempt: the record it dies on; null otherwise. */
        final String badRecord;
        /** Records it skips when it finishes (a skip-mode attempt of a poison map). */
        final long skipped;
        // reduce side: entries of the map output log received, outputs known but not fetched yet, maps fetched
        int known;
        final TreeMap<Integer, MapOutputEvent> toFetch = new TreeMap<>();
        final Set<Integer> fetched = new HashSet<>();

        Run(AttemptId id, long start, long doneAt, boolean fails, boolean crashesWorker, String badRecord, long skipped) {
            this.id = id;
            this.start = start;
            this.doneAt = doneAt;
            this.fails = fails;
            this.crashesWorker = crashesWorker;
            this.badRecord = badRecord;
            this.skipped = skipped;
        }
    }

    final String id;
    final String host;
    /** The names its machine goes by besides {@code host}: a host name and an address, as HDFS names a DataNode. */
    final List<String> hostNames;
    final String address;
    final int slots;
    Process process = Process.DOWN;
    long incarnation; // 0: must register
    long nextHeartbeat;
    long wakeAt;
    final LinkedHashMap<AttemptId, Run> runs = new LinkedHashMap<>();
    final List<AttemptUpdate> unacknowledged = new ArrayList<>();
    final Set<AttemptId> outputsOnDisk = new HashSet<>();
    /** A heartbeat of an earlier incarnation, replayed late to test that it is ignored. */
    HeartbeatReceived earlierLife;
    HeartbeatReceived lastSent;

    SimWorker(String id, String host, List<String> hostNames, int slots) {
        this.id = id;
        this.host = host;
        this.hostNames = List.copyOf(hostNames);
        this.address = "http://" + id;
        this.slots = slots;
    }

    boolean up() {
        return process == Process.UP;
    }

    /** Forgets everything of its current life (a crash, or an order to register again). */
    void forget() {
        if (lastSent != null) earlierLife = lastSent;
        runs.clear();
        unacknowledged.clear();
        outputsOnDisk.clear();
        incarnation = 0;
    }
}
