package dev.mr.api;

/** A named long that a task increments; the job's value is the sum over successful tasks. */
public interface Counter {

    void increment(long amount);

    default void increment() {
        increment(1);
    }

    long value();
}
