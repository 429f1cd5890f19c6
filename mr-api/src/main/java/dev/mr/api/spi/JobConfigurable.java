package dev.mr.api.spi;

import dev.mr.api.Configurable;

/**
 * Implemented by a job class that needs the resolved job rather than only its settings (its
 * map output types, its sort order, its serdes), as {@link dev.mr.api.TotalOrderPartitioner}
 * does. The framework calls {@link #configure} once, right after construction, instead of
 * {@link Configurable#configure}. A partitioner of this kind is also created when the job is
 * checked, before it starts, so settings it cannot work with are refused there: throw
 * {@link dev.mr.api.InvalidJobException} naming what is wrong.
 */
public interface JobConfigurable {

    void configure(JobDefinition job);
}
