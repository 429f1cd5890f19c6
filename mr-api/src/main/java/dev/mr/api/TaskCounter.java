package dev.mr.api;

/**
 * The counters the framework keeps for every task, in group {@value #GROUP}. A job's value
 * is the sum over its successful task attempts only, so a retried or duplicated task is
 * counted once.
 */
public enum TaskCounter {
    MAP_INPUT_RECORDS,
    MAP_INPUT_BYTES,
    MAP_OUTPUT_RECORDS,
    /** Serialized bytes of map output records (key and value), before combining. */
    MAP_OUTPUT_BYTES,
    COMBINE_INPUT_RECORDS,
    COMBINE_OUTPUT_RECORDS,
    /** Records written to map-side spill files (before the final merge). */
    SPILLED_RECORDS,
    /**
     * Bytes of a map task's output file as stored: after combining, and compressed when
     * {@code mr.map.output.compress} says so (Hadoop's counter of the same name).
     */
    MAP_OUTPUT_MATERIALIZED_BYTES,
    /** Bytes of map output segments a reduce task fetched, as stored: compressed when the map output is (Hadoop's REDUCE_SHUFFLE_BYTES). */
    SHUFFLE_BYTES,
    /** The same segments' bytes uncompressed: what the reduce task merged. Equal to {@link #SHUFFLE_BYTES} without compression. */
    SHUFFLE_RAW_BYTES,
    REDUCE_INPUT_GROUPS,
    REDUCE_INPUT_RECORDS,
    /** Records written by the output format (by reducers, or by mappers of a map-only job). */
    OUTPUT_RECORDS,
    OUTPUT_BYTES,
    /** Input records (maps) or key groups (reduces) skipped in skip mode; see {@code mr.skip.map.records.max}. */
    SKIPPED_RECORDS;

    public static final String GROUP = "Framework";
}
