package dev.mr.jobs;

import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import dev.mr.api.Text;
import dev.mr.api.io.RawTextInputFormat;

/**
 * Counts the words of text input: {@code WordCount [-D ...] IN OUT} writes {@code word<TAB>count}
 * lines, sorted by word within each output file. Words are split at whitespace as in Hadoop's
 * example; the combiner sums counts on the map side.
 */
public final class WordCount {

    private WordCount() {}

    /** Splits each line's bytes at ASCII whitespace: in UTF-8 no byte of a multi-byte character is below 0x80. */
    public static final class TokenMapper implements Mapper<Long, Text, Text, Integer> {
        private static final Integer ONE = 1;
        private final Text word = new Text();

        @Override
        public void map(Long offset, Text line, Context<Text, Integer> context) {
            byte[] b = line.bytes();
            int n = line.length();
            for (int i = Words.wordStart(b, 0, n); i < n; i = Words.wordStart(b, i, n)) {
                int end = Words.wordEnd(b, i + 1, n);
                context.write(word.set(b, i, end - i), ONE);
                i = end;
            }
        }
    }

    public static final class IntSumReducer implements Reducer<Text, Integer, Text, Integer> {
        @Override
        public void reduce(Text word, Iterable<Integer> counts, Context<Text, Integer> context) {
            int sum = 0;
            for (int c : counts) sum += c;
            context.write(word, sum);
        }
    }

    public static Job job(GenericOptions opts) {
        return Driver.job(opts, WordCount.class, "word count")
                .inputFormat(RawTextInputFormat.class)
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
