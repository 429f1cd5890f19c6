package dev.mr.api.io;

import java.util.List;

/**
 * The slice of input one map task reads. Splits are computed where the job is submitted and
 * travel through the master to workers, so an implementation must be a plain data class (a
 * record is ideal) that Kryo can serialize, registered with {@code Job.registerKryo} together
 * with any class of the job's own it holds (the framework's splits need nothing).
 */
public interface InputSplit {

    /** Bytes (or another size measure) of input, used to order and balance tasks. */
    long length();

    /** Hosts that hold this split's data locally, best first; empty when none does. */
    default List<String> hosts() {
        return List.of();
    }

    /** The file this split reads, as the job lists it; null when it reads no file. */
    default String path() {
        return null;
    }
}
