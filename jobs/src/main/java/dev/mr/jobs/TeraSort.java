package dev.mr.jobs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.RecordReader;
import dev.mr.api.io.TeraInputFormat;
import dev.mr.api.io.TeraOutputFormat;
import dev.mr.api.serde.Serdes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts TeraGen records by key: {@code TeraSort IN OUT} writes {@code part-r-NNNNN} files
 * whose concatenation in name order is sorted. The driver samples
 * {@code terasort.sample.size} keys (default 100,000) from up to 10 evenly spaced splits to
 * choose cut points for a {@link TotalOrderPartitioner}; map and reduce are identities.
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
        int reducers = job.conf().getInt(ConfKeys.REDUCERS, 2);
        List<byte[]> sample = sample(job.conf(), conf.getInt(SAMPLE_SIZE, 100_000));
        job.set(TotalOrderPartitioner.CUTS, TotalOrderPartitioner.encode(cuts(sample, reducers)));
        return job;
    }

    /** Reads the first keys of up to 10 evenly spaced splits. */
    static List<byte[]> sample(Configuration conf, int size) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        try (FileSystems fs = new FileSystems(conf)) {
            FormatContext context = new FormatContext(conf, fs, new Serdes(TeraSort.class.getClassLoader(), List.of()));
            TeraInputFormat format = new TeraInputFormat();
            List<InputSplit> splits = format.splits(context);
            int chosen = Math.min(10, splits.size());
            if (chosen == 0) return keys;
            int perSplit = Math.max(1, size / chosen);
            for (int i = 0; i < chosen; i++) {
                InputSplit split = splits.get(i * splits.size() / chosen);
                try (RecordReader<byte[], byte[]> reader = format.reader(split, context)) {
                    for (int n = 0; n < perSplit && reader.next(); n++) keys.add(reader.key());
                }
            }
        }
        return keys;
    }

    /** {@code reducers - 1} evenly spaced keys of the sorted sample. */
    static List<byte[]> cuts(List<byte[]> sample, int reducers) {
        List<byte[]> sorted = new ArrayList<>(sample);
        sorted.sort(Arrays::compareUnsigned);
        List<byte[]> cuts = new ArrayList<>();
        if (sorted.isEmpty()) return cuts;
        for (int i = 1; i < reducers; i++) cuts.add(sorted.get((int) ((long) i * sorted.size() / reducers)));
        return cuts;
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, TeraSort.class, "IN", "OUT")) ? 0 : 1);
    }
}
