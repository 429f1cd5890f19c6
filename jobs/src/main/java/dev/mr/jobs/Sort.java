package dev.mr.jobs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Context;
import dev.mr.api.Configuration;
import dev.mr.api.GenericOptions;
import dev.mr.api.InputSampler;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Text;
import dev.mr.api.TotalOrderPartitioner;
import dev.mr.api.io.KeyLineOutputFormat;
import dev.mr.api.io.LineKeyInputFormat;
import java.io.IOException;

/**
 * Sorts the lines of text files: {@code Sort [-D mr.reducers=N] IN OUT} writes
 * {@code part-r-NNNNN} files whose concatenation in name order is, byte for byte, what
 * {@code LC_ALL=C sort} prints for the same input: lines in unsigned byte order, duplicates
 * kept, each line as it was ({@code \r}, bytes that are not UTF-8) with a {@code \n} after it.
 * Each line is a key ({@link LineKeyInputFormat}); a {@link TotalOrderPartitioner} gives each
 * reducer a range of them, with cut points chosen from {@code sort.sample.size} lines (default
 * 10,000) kept at random ({@link InputSampler.RandomSampler} with frequency 1, close to a
 * reservoir sample) from {@code sort.sample.splits} evenly spaced splits (default 10, read whole
 * by the driver). The map drops the offsets ({@link LineOnly}), the reduce is the identity, and
 * {@link KeyLineOutputFormat} writes each line back. Uses {@code mr.reducers} reducers (default 2).
 */
public final class Sort {

    private Sort() {}

    static final String SAMPLE_SIZE = "sort.sample.size";
    static final String SAMPLE_SPLITS = "sort.sample.splits";

    /**
     * Keeps the line and drops its offset: an empty {@code byte[]} value serializes to no bytes
     * (as Hadoop's {@code NullWritable}), so the shuffle carries the lines and nothing else.
     */
    public static final class LineOnly implements Mapper<Text, Long, Text, byte[]> {
        private static final byte[] NOTHING = new byte[0];

        @Override
        public void map(Text line, Long offset, Context<Text, byte[]> context) {
            context.write(line, NOTHING);
        }
    }

    public static Job job(GenericOptions opts) throws IOException {
        Configuration conf = opts.conf();
        Job job = Driver.job(opts, Sort.class, "Sort")
                .inputFormat(LineKeyInputFormat.class)
                .mapper(LineOnly.class)
                .outputFormat(KeyLineOutputFormat.class)
                .partitioner(TotalOrderPartitioner.class)
                .input(opts.args().get(0))
                .output(opts.args().get(1));
        if (!conf.isSet(ConfKeys.REDUCERS)) job.reducers(2);
        InputSampler.writePartitionFile(job, new InputSampler.RandomSampler(1, conf.getInt(SAMPLE_SIZE, 10_000), conf.getInt(SAMPLE_SPLITS, 10)));
        return job;
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, Sort.class, "IN", "OUT")) ? 0 : 1);
    }
}
