package dev.mr.jobs;

import dev.mr.api.Configurable;
import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputFormat;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.RecordReader;
import dev.mr.api.io.TeraOutputFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates TeraSort input: {@code TeraGen ROWS OUT} writes ROWS 100-byte records, the same
 * bytes Hadoop's TeraGen writes (see {@link TeraRecords}), in {@code teragen.maps} map-only
 * tasks (default: one per 5 million rows, at least 2) as {@code part-m-NNNNN} files.
 */
public final class TeraGen {

    private TeraGen() {}

    static final String ROWS = "teragen.rows";
    static final String MAPS = "teragen.maps";

    /** Rows {@code [first, first + rows)} of the output. */
    public record RangeSplit(long first, long rows) implements InputSplit {
        @Override
        public long length() {
            return rows * 100;
        }
    }

    /** Splits the row range among the maps; each record is a row number. */
    public static final class RangeInputFormat implements InputFormat<Long, Long>, Configurable {
        private long rows;
        private int maps;

        @Override
        public void configure(Configuration conf) {
            rows = conf.getLong(ROWS, 0);
            maps = conf.getInt(MAPS, defaultMaps(rows));
        }

        @Override
        public List<InputSplit> splits(FormatContext context) {
            List<InputSplit> splits = new ArrayList<>();
            int n = (int) Math.max(1, Math.min(maps, rows));
            long first = 0;
            for (int i = 0; i < n; i++) {
                long end = rows * (i + 1) / n;
                splits.add(new RangeSplit(first, end - first));
                first = end;
            }
            return splits;
        }

        @Override
        public RecordReader<Long, Long> reader(InputSplit split, FormatContext context) {
            RangeSplit range = (RangeSplit) split;
            return new RecordReader<>() {
                private long next = range.first();
                private Long row;

                @Override
                public boolean next() {
                    if (next >= range.first() + range.rows()) return false;
                    row = next++;
                    return true;
                }

                @Override
                public Long key() {
                    return row;
                }

                @Override
                public Long value() {
                    return row;
                }

                @Override
                public long bytesRead() {
                    return 0;
                }

                @Override
                public void close() {}
            };
        }
    }

    static int defaultMaps(long rows) {
        return (int) Math.max(2, Math.min(1024, (rows + 4_999_999) / 5_000_000));
    }

    public static final class GenMapper implements Mapper<Long, Long, byte[], byte[]> {
        private final byte[] key = new byte[10];
        private final byte[] value = new byte[90];
        private Unsigned128 rand;

        @Override
        public void map(Long row, Long ignored, Context<byte[], byte[]> context) {
            if (rand == null) rand = TeraRecords.skipAhead(row);
            rand = TeraRecords.next(rand);
            TeraRecords.fill(rand, row, key, value);
            context.write(key, value);
        }
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, TeraGen.class, "ROWS", "OUT")) ? 0 : 1);
    }

    public static Job job(GenericOptions opts) {
        long rows;
        try {
            rows = Long.parseLong(opts.args().get(0));
        } catch (NumberFormatException e) {
            rows = -1;
        }
        if (rows < 0) {
            throw new IllegalArgumentException("TeraGen: ROWS must be a non-negative number, not " + opts.args().get(0));
        }
        return Driver.job(opts, TeraGen.class, "TeraGen")
                .set(ROWS, Long.toString(rows))
                .inputFormat(RangeInputFormat.class)
                .registerKryo(RangeSplit.class) // its splits travel to the workers, which decode only registered classes
                .mapper(GenMapper.class)
                .outputFormat(TeraOutputFormat.class)
                .reducers(0)
                .output(opts.args().get(1));
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }
}
