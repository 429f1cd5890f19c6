package dev.mr.api;

/**
 * Implemented by a user class (partitioner, comparator, input or output format) that needs
 * the job's settings: the framework calls {@link #configure} once, right after construction.
 */
public interface Configurable {

    void configure(Configuration conf);
}
