package dev.mr.jobs;

import dev.mr.api.Configurable;
import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Pair;
import dev.mr.api.Reducer;
import dev.mr.api.io.KeyValueTextInputFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A reduce-side inner join of two tab-separated inputs on their first field:
 * {@code Join LEFT RIGHT OUT} writes {@code key<TAB>left<TAB>right} for every pair of a left
 * and a right record with equal keys. Records are keyed by (key, side) so that, grouped by
 * key alone, a reducer sees all left values before the right ones and buffers only the left.
 */
public final class Join {

    private Join() {}

    static final String LEFT = "join.left";
    static final int LEFT_SIDE = 0;
    static final int RIGHT_SIDE = 1;

    /**
     * Tags each record with its side, decided by its file's path. The path is read in {@code map},
     * not {@code setup}: a map task may read several packed small files, left and right ones alike.
     */
    public static final class TagMapper implements Mapper<String, String, Pair<String, Integer>, Pair<Integer, String>>, Configurable {
        private String left;
        private String path;
        private int side;

        @Override
        public void configure(Configuration conf) {
            left = conf.require(LEFT).replaceAll("/+$", "");
        }

        @Override
        public void map(String key, String value, Context<Pair<String, Integer>, Pair<Integer, String>> context) {
            String current = context.task().inputPath();
            if (!current.equals(path)) {
                path = current;
                side = current.equals(left) || current.startsWith(left + "/") ? LEFT_SIDE : RIGHT_SIDE;
            }
            context.write(Pair.of(key, side), Pair.of(side, value));
        }
    }

    public static final class JoinReducer implements Reducer<Pair<String, Integer>, Pair<Integer, String>, String, String> {
        private final List<String> lefts = new ArrayList<>();

        @Override
        public void reduce(Pair<String, Integer> key, Iterable<Pair<Integer, String>> values, Context<String, String> context) {
            lefts.clear();
            for (Pair<Integer, String> v : values) {
                if (v.first() == LEFT_SIDE) {
                    lefts.add(v.second());
                } else {
                    for (String l : lefts) context.write(key.first(), l + "\t" + v.second());
                }
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, Join.class, "LEFT", "RIGHT", "OUT")) ? 0 : 1);
    }

    public static Job job(GenericOptions opts) {
        String left = opts.args().get(0), right = opts.args().get(1);
        return Driver.job(opts, Join.class, "join")
                .set(LEFT, left)
                .inputFormat(KeyValueTextInputFormat.class)
                .mapper(TagMapper.class)
                .partitioner(Pair.FirstPartitioner.class)
                .groupingComparator(Pair.ByFirst.class)
                .reducer(JoinReducer.class)
                .input(left, right)
                .output(opts.args().get(2));
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }
}
