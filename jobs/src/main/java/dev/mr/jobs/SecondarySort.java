package dev.mr.jobs;

import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Pair;
import dev.mr.api.Reducer;
import java.util.StringJoiner;

/**
 * Values sorted within each key by the framework, not by the reducer:
 * {@code SecondarySort IN OUT} reads lines {@code name number} (separated by whitespace) and
 * writes {@code name<TAB>n1,n2,...} with the numbers ascending. The map output key is the
 * pair (name, number); partitioning and grouping look at the name only, so one reduce call
 * gets a name's numbers already in order. Malformed lines are counted
 * ({@code SecondarySort/MALFORMED_LINES}) and skipped.
 */
public final class SecondarySort {

    private SecondarySort() {}

    public static final class PairMapper implements Mapper<Long, String, Pair<String, Long>, Long> {
        @Override
        public void map(Long offset, String line, Context<Pair<String, Long>, Long> context) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 2) {
                if (!line.isBlank()) context.counter("SecondarySort", "MALFORMED_LINES").increment();
                return;
            }
            long n;
            try {
                n = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                context.counter("SecondarySort", "MALFORMED_LINES").increment();
                return;
            }
            context.write(Pair.of(parts[0], n), n);
        }
    }

    public static final class JoinValuesReducer implements Reducer<Pair<String, Long>, Long, String, String> {
        @Override
        public void reduce(Pair<String, Long> key, Iterable<Long> numbers, Context<String, String> context) {
            StringJoiner joined = new StringJoiner(",");
            for (long n : numbers) joined.add(Long.toString(n));
            context.write(key.first(), joined.toString());
        }
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, SecondarySort.class, "IN", "OUT")) ? 0 : 1);
    }

    public static Job job(GenericOptions opts) {
        return Driver.job(opts, SecondarySort.class, "secondary sort")
                .mapper(PairMapper.class)
                .partitioner(Pair.FirstPartitioner.class)
                .groupingComparator(Pair.ByFirst.class)
                .reducer(JoinValuesReducer.class)
                .input(opts.args().get(0))
                .output(opts.args().get(1));
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }
}
