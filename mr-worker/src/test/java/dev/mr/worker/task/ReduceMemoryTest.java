package dev.mr.worker.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reducer's in-memory budget decides whether its whole input is written to disk once more; these are the rules. */
class ReduceMemoryTest {

    private static final long MIB = 1L << 20;

    @Test
    void unsetTakesHalfTheSlotShareOfTheHeap() {
        long share = ReduceMemory.slotShare(6144 * MIB, 2);
        assertEquals(3072 * MIB, share);
        assertEquals(1536 * MIB, ReduceMemory.budgetBytes(new Configuration(), share));
    }

    @Test
    void unsetStaysWithinTheFloorAndTheCeiling() {
        assertEquals(256 * MIB, ReduceMemory.budgetBytes(new Configuration(), ReduceMemory.slotShare(512 * MIB, 4)));
        assertEquals(2048 * MIB, ReduceMemory.budgetBytes(new Configuration(), ReduceMemory.slotShare(64L << 30, 1)));
    }

    @Test
    void theJobsSettingWinsEvenBelowTheFloor() {
        Configuration conf = new Configuration(Map.of("mr.reduce.memory.mb", "8"));
        assertEquals(8 * MIB, ReduceMemory.budgetBytes(conf, 4096 * MIB));
    }

    @Test
    void aNonPositiveSettingIsRefusedByName() {
        Configuration conf = new Configuration(Map.of("mr.reduce.memory.mb", "0"));
        var e = assertThrows(IllegalArgumentException.class, () -> ReduceMemory.budgetBytes(conf, 4096 * MIB));
        assertTrue(e.getMessage().contains("mr.reduce.memory.mb=0"), e.getMessage());
    }
}
