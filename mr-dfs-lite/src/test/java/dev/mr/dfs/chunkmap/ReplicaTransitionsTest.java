package dev.mr.dfs.chunkmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.chunkmap.ReplicaEntry.State;
import dev.mr.dfs.chunkmap.ReplicaTransitions.Trigger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The table is the specification of a replica's life in the chunk map: what comes from outside
 * (a server's report, a reader, a writer's commit) can meet a replica in any state and must be
 * handled or deliberately ignored there; the chunk map's own choices apply to one state only,
 * and a pair the table does not list is a chunk map bug that must fail loudly, not be absorbed.
 */
class ReplicaTransitionsTest {

    static final ReplicaTransitions TABLE = ReplicaTransitions.TABLE;
    /** Triggers that arrive from outside the chunk map, so in any state. */
    static final Set<Trigger> FROM_OUTSIDE = EnumSet.of(Trigger.REPORTED, Trigger.MISMATCH_REPORTED, Trigger.MISMATCH_REPORTED_IN_SAFE_MODE,
            Trigger.CORRUPTION_REPORTED, Trigger.COMMIT_DIFFERED);

    @Test
    void everyTriggerFromOutsideIsHandledOrIgnoredInEveryState() {
        List<String> missing = new ArrayList<>();
        for (State s : State.values()) {
            for (Trigger t : FROM_OUTSIDE) {
                if (TABLE.target(s, t) == null && !TABLE.ignores(s, t)) missing.add(s + "/" + t);
            }
        }
        assertEquals(List.of(), missing, "pairs neither handled nor ignored");
    }

    @Test
    void theChunkMapsOwnChoicesApplyToOneStateEachAndElsewhereThrow() {
        assertEquals(State.DELETING, TABLE.next("c", "s", State.GOOD, Trigger.CHOSEN_AS_SURPLUS));
        assertEquals(State.DELETING, TABLE.next("c", "s", State.CORRUPT, Trigger.DISCARDED_AS_CORRUPT));
        for (State s : EnumSet.of(State.CORRUPT, State.DELETING)) {
            assertThrows(IllegalStateException.class, () -> TABLE.next("c", "s", s, Trigger.CHOSEN_AS_SURPLUS), s.name());
        }
        for (State s : EnumSet.of(State.GOOD, State.DELETING)) {
            assertThrows(IllegalStateException.class, () -> TABLE.next("c", "s", s, Trigger.DISCARDED_AS_CORRUPT), s.name());
        }
    }

    @Test
    void everyPairIsListedOnceAndOnlyTheChoicesOfTheChunkMapAreLeftOut() {
        List<String> unlisted = new ArrayList<>();
        for (State s : State.values()) {
            for (Trigger t : Trigger.values()) {
                boolean moves = TABLE.target(s, t) != null;
                assertFalse(moves && TABLE.ignores(s, t), s + "/" + t + " is both a transition and ignored");
                if (!moves && !TABLE.ignores(s, t)) unlisted.add(s + "/" + t);
            }
        }
        assertEquals(List.of("GOOD/DISCARDED_AS_CORRUPT", "CORRUPT/CHOSEN_AS_SURPLUS", "DELETING/CHOSEN_AS_SURPLUS", "DELETING/DISCARDED_AS_CORRUPT"),
                unlisted);
    }

    @Test
    void anUnlistedPairThrowsNamingTheReplicaAndLeavesItAsItWas() {
        ReplicaEntry e = new ReplicaEntry(State.DELETING, 10, 7);
        IllegalStateException x = assertThrows(IllegalStateException.class,
                () -> e.take(Trigger.CHOSEN_AS_SURPLUS, new ChunkId(3), new ServerId("cs-1")));
        assertEquals("replica of chunk_00000003 on cs-1 in state DELETING cannot take CHOSEN_AS_SURPLUS", x.getMessage());
        assertEquals(State.DELETING, e.state());
    }

    @Test
    void nothingFromOutsideMakesACorruptOrDeletingReplicaGoodAgain() {
        for (State s : EnumSet.of(State.CORRUPT, State.DELETING)) {
            for (Trigger t : Trigger.values()) {
                State to = TABLE.target(s, t);
                assertTrue(to == null || to != State.GOOD, s + "/" + t + " -> " + to);
            }
        }
    }

    @Test
    void anIgnoredTriggerLeavesTheStateAndSaysSo() {
        ReplicaEntry e = new ReplicaEntry(State.CORRUPT, 10, 7);
        assertFalse(e.take(Trigger.CORRUPTION_REPORTED, new ChunkId(1), new ServerId("cs-1")));
        assertEquals(State.CORRUPT, e.state());
        assertTrue(e.take(Trigger.MISMATCH_REPORTED, new ChunkId(1), new ServerId("cs-1")));
        assertEquals(State.DELETING, e.state());
    }

    @Test
    void theTablePrintsAsMarkdown() {
        String md = TABLE.toMarkdown();
        assertTrue(md.startsWith("| replica state | trigger | to |"), md);
        assertTrue(md.contains("| GOOD | CORRUPTION_REPORTED | CORRUPT |"), md);
        assertTrue(md.contains("| DELETING | REPORTED | (ignored) |"), md);
    }
}
