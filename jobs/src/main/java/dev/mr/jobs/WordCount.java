package dev.mr.jobs;

import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;

/**
 * Counts the words of text input: {@code WordCount [-D ...] IN OUT} writes {@code word<TAB>count}
 * lines, sorted by word within each output file. Words are split at whitespace as in Hadoop's
 * example; the combiner sums counts on the map side.
 */
public final class WordCount {

    private WordCount() {}

    public static final class TokenMapper implements Mapper<Long, String, String, Integer> {
        private static final Integer ONE = 1;

        @Override
        public void map(Long offset, String line, Context<String, Integer> context) {
            Words.forEach(line, word -> context.write(word, ONE));
        }
    }

    public static final class IntSumReducer implements Reducer<String, Integer, String, Integer> {
        @Override
        public void reduce(String word, Iterable<Integer> counts, Context<String, Integer> context) {
            int sum = 0;
            for (int c : counts) sum += c;
            context.write(word, sum);
        }
    }

    public static Job job(GenericOptions opts) {
        return Driver.job(opts, WordCount.class, "word count")
                .mapper(TokenMapper.class)
                .combiner(IntSumReducer.class)
                .reducer(IntSumReducer.class)
                .input(opts.args().get(0))
                .output(opts.args().get(1));
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, WordCount.class, "IN", "OUT")) ? 0 : 1);
    }
}
