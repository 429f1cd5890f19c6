package dev.mr.worker.task;

import dev.mr.api.serde.RawComparator;
import dev.mr.api.serde.Serde;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.KeyComparators;

/**
 * The order in which a job's map output keys are sorted, and the equality that groups them
 * for {@code reduce}: see {@link KeyComparators}, which a total-order partitioner shares so
 * that its ranges agree with this sort.
 */
record KeyOrder(RawComparator sort, RawComparator grouping) {

    static KeyOrder of(JobDefinition def, Serde<Object> keySerde) {
        RawComparator sort = KeyComparators.sort(def, keySerde);
        return new KeyOrder(sort, KeyComparators.grouping(def, keySerde, sort));
    }
}
