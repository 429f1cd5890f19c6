package dev.mr.master.scheduler;

import dev.mr.api.spi.AttemptId;

/**
 * One entry of a job's append-only log of map output locations, which reducers read from the
 * position they have reached (Hadoop's task completion events). An entry says either that a map
 * attempt's output can be fetched from a worker, or that an earlier such output is lost and must
 * be dropped; a later entry for the same map then names its replacement.
 *
 * @param index position in the job's log; a reducer that has seen entries {@code 0..index} reports {@code index + 1}
 * @param address the worker's shuffle address (where the output is, or was)
 */
public record MapOutputEvent(int index, AttemptId mapAttempt, String address, boolean obsolete) {}
