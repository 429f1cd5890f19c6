package dev.mr.master.scheduler;

import static dev.mr.master.scheduler.WorkerState.ALIVE;
import static dev.mr.master.scheduler.WorkerState.AWAITED;
import static dev.mr.master.scheduler.WorkerState.DEAD;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * A worker id and its current incarnation. Each registration starts a new incarnation (numbered
 * from 1 by the scheduler); requests naming another incarnation are stale. Invariants while
 * ALIVE: {@code running} holds exactly the RUNNING attempts of this incarnation, and never more
 * than {@code slots}; {@code mapOutputs} the successful map attempts whose output lives here.
 * While AWAITED: {@code mapOutputs} holds the outputs a resumed job's journal places here.
 * Owned by the scheduler's thread.
 */
final class Worker {

    enum Trigger {
        REGISTERED,
        HEARTBEAT_RECEIVED,
        /** Silent longer than the expiry. */
        EXPIRED,
        /** A resumed job's journal names it as holding map outputs or as running its attempts. */
        NAMED_BY_JOURNAL
    }

    static final Transitions<WorkerState, Trigger> TABLE = Transitions.builder("worker", WorkerState.class, Trigger.class)
            .on(ALIVE, Trigger.REGISTERED, ALIVE) // restarted before it expired: its previous incarnation is lost
            .on(ALIVE, Trigger.HEARTBEAT_RECEIVED, ALIVE)
            .on(ALIVE, Trigger.EXPIRED, DEAD)
            .on(DEAD, Trigger.REGISTERED, ALIVE)
            .on(DEAD, Trigger.NAMED_BY_JOURNAL, AWAITED)
            .on(AWAITED, Trigger.NAMED_BY_JOURNAL, AWAITED)
            .on(AWAITED, Trigger.REGISTERED, ALIVE) // it kept what it reports holding
            .on(AWAITED, Trigger.EXPIRED, DEAD)
            .ignore(Trigger.HEARTBEAT_RECEIVED, DEAD, AWAITED) // answered with Reregister
            .ignore(Trigger.NAMED_BY_JOURNAL, ALIVE) // registered before the job resumed: what it holds is not known
            .build();

    final String id;
    private long incarnation;
    private WorkerState state = DEAD;
    String host;
    /**
     * The {@link MapSplit#hostKey}s a split may name this worker's machine by: {@code host}, then the
     * other names it registered. Few (a handful), so a list.
     */
    List<String> names = List.of();
    String address;
    int slots;
    long registeredAt;
    long lastHeartbeat;
    /** Heartbeats taken from this worker id, all incarnations: stamps which attempts a heartbeat reported. */
    long heartbeats;
    final LinkedHashSet<Attempt> running = new LinkedHashSet<>();
    final LinkedHashSet<Attempt> mapOutputs = new LinkedHashSet<>();
    /** Jobs that ended since the last heartbeat and that this worker ran attempts of. */
    final TreeSet<String> cleanups = new TreeSet<>();

    Worker(String id) {
        this.id = id;
    }

    long incarnation() {
        return incarnation;
    }

    WorkerState state() {
        return state;
    }

    boolean isAlive() {
        return state == ALIVE;
    }

    /**
     * Marks this (not registered) worker as awaited at {@code address}, which the journal
     * recorded for it, as if heard from now: the expiry starts.
     */
    void await(String address) {
        move(Trigger.NAMED_BY_JOURNAL, AWAITED);
        this.address = address;
    }

    boolean accepts(Trigger t) {
        return TABLE.handles(id, state, t);
    }

    void move(Trigger t, WorkerState to) {
        state = TABLE.move(id, state, t, to);
    }

    /** Starts the next incarnation; whatever the previous one held must already be dealt with. */
    void startIncarnation(String host, List<String> hostNames, String address, int slots, long now) {
        move(Trigger.REGISTERED, ALIVE);
        incarnation++;
        this.host = host;
        List<String> all = new ArrayList<>(1 + hostNames.size());
        all.add(host);
        all.addAll(hostNames);
        this.names = MapSplit.hostKeys(all);
        this.address = address;
        this.slots = slots;
        this.registeredAt = now;
        running.clear();
        mapOutputs.clear();
        cleanups.clear();
    }

    /** Whether {@code split} (null for a reduce) has a replica on this worker's machine: it names the machine by one of its names. */
    boolean isLocalTo(MapSplit split) {
        if (split == null) return false;
        for (String h : split.hosts()) if (names.contains(h)) return true;
        return false;
    }

    int freeSlots() {
        return slots - running.size();
    }

    /** Drops what this worker holds of a retired job (its clean-up order, a job id, still goes out). */
    void forget(Job j) {
        running.removeIf(a -> a.task.job == j);
        mapOutputs.removeIf(a -> a.task.job == j);
    }

    @Override
    public String toString() {
        return id + "#" + incarnation + "(" + state + ")";
    }
}
