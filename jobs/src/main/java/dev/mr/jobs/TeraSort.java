package dev.mr.jobs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.GenericOptions;
import dev.mr.api.InputSampler;
import dev.mr.api.Job;
import dev.mr.api.TotalOrderPartitioner;
import dev.mr.api.io.TeraInputFormat;
import dev.mr.api.io.TeraOutputFormat;
import java.io.IOException;

/**
 * Sorts TeraGen records by key: {@code TeraSort IN OUT} writes {@code part-r-NNNNN} files
 * whose concatenation in name order is sorted. The driver samples
 * {@code terasort.sample.size} keys (default 100,000) from the first records of up to 10
 * evenly spaced splits ({@link InputSampler.SplitSampler}, as Hadoop's TeraSort samples) to
 * choose the cut points of a {@link TotalOrderPartitioner}; map and reduce are identities.
 * As in Hadoop, the output is written with replication 1 unless {@code mr.output.replication}
 * is set, and the job uses {@code mr.reducers} reducers (default 2).
 */
public final class TeraSort {

    private TeraSort() {}

    static final String SAMPLE_SIZE = "terasort.sample.size";

    public static Job job(GenericOptions opts) throws IOException {
        Configuration conf = opts.conf();
        Job job = Driver.job(opts, TeraSort.class, "TeraSort")
                .inputFormat(TeraInputFormat.class)
                .outputFormat(TeraOutputFormat.class)
                .partitioner(TotalOrderPartitioner.class)
                .input(opts.args().get(0))
                .output(opts.args().get(1));
        if (!conf.isSet(ConfKeys.REDUCERS)) job.reducers(2);
        if (!conf.isSet(ConfKeys.OUTPUT_REPLICATION)) job.set(ConfKeys.OUTPUT_REPLICATION, "1");
        InputSampler.writePartitionFile(job, new InputSampler.SplitSampler(conf.getInt(SAMPLE_SIZE, 100_000), 10));
        return job;
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, TeraSort.class, "IN", "OUT")) ? 0 : 1);
    }
}
