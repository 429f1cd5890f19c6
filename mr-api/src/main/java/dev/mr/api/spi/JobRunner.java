package dev.mr.api.spi;

import dev.mr.api.Configuration;
import dev.mr.api.JobResult;
import java.io.IOException;

/**
 * Runs a job somewhere: in this process ({@code local}) or on a cluster ({@code cluster}).
 * {@link dev.mr.api.Job#waitForCompletion} finds implementations with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.mr.api.spi.JobRunner}).
 */
public interface JobRunner {

    /** The value of {@code mr.framework} this runner serves. */
    String framework();

    /**
     * Runs the job defined by {@code conf} to its end. Throws
     * {@link dev.mr.api.InvalidJobException} when the job is refused before it starts.
     *
     * @param loader  loads the job's classes
     * @param verbose print progress and, at the end, the counters
     */
    JobResult run(Configuration conf, ClassLoader loader, boolean verbose) throws IOException, InterruptedException;
}
