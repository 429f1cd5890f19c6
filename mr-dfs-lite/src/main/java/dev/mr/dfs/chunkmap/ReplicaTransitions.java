package dev.mr.dfs.chunkmap;

import static dev.mr.dfs.chunkmap.ReplicaEntry.State.CORRUPT;
import static dev.mr.dfs.chunkmap.ReplicaEntry.State.DELETING;
import static dev.mr.dfs.chunkmap.ReplicaEntry.State.GOOD;

import dev.mr.dfs.chunkmap.ReplicaEntry.State;
import java.util.EnumMap;
import java.util.EnumSet;

/**
 * The life of a replica as the chunk map sees it, as one table in the manner of the scheduler's
 * (and Hadoop's {@code StateMachineFactory}): for each (state, trigger) pair the state it leads
 * to, or a note that the trigger is deliberately ignored in that state. A pair that is neither
 * is a bug in the chunk map and throws {@link IllegalStateException}. The table decides a
 * replica's state only; the orders that go with it (delete a replica) are the chunk map's.
 *
 * <p>Triggers from outside (a server's report, a reader, a writer's commit) may meet a replica in
 * any state, so each is listed for every state; the chunk map's own choices at a tick apply to one
 * state only. Immutable.
 */
final class ReplicaTransitions {

    enum Trigger {
        /** Its server listed or added it, matching the chunk (or the chunk is not committed yet). */
        REPORTED,
        /** Its server reported a length or digest other than the committed chunk's. */
        MISMATCH_REPORTED,
        /** The same, while the store is in safe mode: the replica is marked, nothing is deleted yet. */
        MISMATCH_REPORTED_IN_SAFE_MODE,
        /** A reader or the scrubber found it failing its checksums. */
        CORRUPTION_REPORTED,
        /** The writer committed a length or digest other than the one its server reported. */
        COMMIT_DIFFERED,
        /** The chunk has more good replicas than its replication, and this one was chosen to go. */
        CHOSEN_AS_SURPLUS,
        /** The chunk has a good replica, so this corrupt one goes. */
        DISCARDED_AS_CORRUPT
    }

    static final ReplicaTransitions TABLE = new ReplicaTransitions()
            .on(GOOD, Trigger.REPORTED, GOOD) // its length and digest are refreshed
            .ignore(Trigger.REPORTED, CORRUPT, DELETING) // a report clears neither a checksum failure nor a delete order
            .on(GOOD, Trigger.MISMATCH_REPORTED, DELETING)
            .on(CORRUPT, Trigger.MISMATCH_REPORTED, DELETING)
            .ignore(Trigger.MISMATCH_REPORTED, DELETING) // going already; the order is repeated
            .on(GOOD, Trigger.MISMATCH_REPORTED_IN_SAFE_MODE, CORRUPT)
            .ignore(Trigger.MISMATCH_REPORTED_IN_SAFE_MODE, CORRUPT, DELETING)
            .on(GOOD, Trigger.CORRUPTION_REPORTED, CORRUPT)
            .ignore(Trigger.CORRUPTION_REPORTED, CORRUPT, DELETING)
            .on(GOOD, Trigger.COMMIT_DIFFERED, DELETING)
            .on(CORRUPT, Trigger.COMMIT_DIFFERED, DELETING)
            .ignore(Trigger.COMMIT_DIFFERED, DELETING)
            .on(GOOD, Trigger.CHOSEN_AS_SURPLUS, DELETING)
            .on(CORRUPT, Trigger.DISCARDED_AS_CORRUPT, DELETING);

    private final EnumMap<State, EnumMap<Trigger, State>> moves = new EnumMap<>(State.class);
    private final EnumMap<State, EnumSet<Trigger>> ignored = new EnumMap<>(State.class);

    private ReplicaTransitions on(State from, Trigger trigger, State to) {
        if (ignores(from, trigger)) throw new IllegalArgumentException(from + "/" + trigger + " is both a transition and ignored");
        moves.computeIfAbsent(from, s -> new EnumMap<>(Trigger.class)).put(trigger, to);
        return this;
    }

    private ReplicaTransitions ignore(Trigger trigger, State... in) {
        for (State s : in) {
            if (target(s, trigger) != null) throw new IllegalArgumentException(s + "/" + trigger + " is both a transition and ignored");
            ignored.computeIfAbsent(s, x -> EnumSet.noneOf(Trigger.class)).add(trigger);
        }
        return this;
    }

    /**
     * The state {@code trigger} leads to from {@code state}; null when the table ignores it there;
     * {@link IllegalStateException}, naming the replica of {@code chunk} on {@code server}, for a pair it does not list.
     */
    State next(Object chunk, Object server, State state, Trigger trigger) {
        State to = target(state, trigger);
        if (to != null || ignores(state, trigger)) return to;
        throw new IllegalStateException("replica of " + chunk + " on " + server + " in state " + state + " cannot take " + trigger);
    }

    /** The state {@code trigger} leads to from {@code state}, or null when it is not a transition. */
    State target(State state, Trigger trigger) {
        EnumMap<Trigger, State> m = moves.get(state);
        return m == null ? null : m.get(trigger);
    }

    boolean ignores(State state, Trigger trigger) {
        EnumSet<Trigger> i = ignored.get(state);
        return i != null && i.contains(trigger);
    }

    /** The table as Markdown, one row per listed pair. */
    String toMarkdown() {
        StringBuilder sb = new StringBuilder("| replica state | trigger | to |\n|---|---|---|\n");
        for (State s : State.values()) {
            for (Trigger t : Trigger.values()) {
                State to = target(s, t);
                if (to != null) sb.append("| ").append(s).append(" | ").append(t).append(" | ").append(to).append(" |\n");
                else if (ignores(s, t)) sb.append("| ").append(s).append(" | ").append(t).append(" | (ignored) |\n");
            }
        }
        return sb.toString();
    }
}
