package dev.mr.jobs;

import dev.mr.api.Configurable;
import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Pair;
import dev.mr.api.Reducer;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.RecordFileInputFormat;
import dev.mr.api.io.RecordFileOutputFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the matches of a regular expression, as Hadoop's Grep example: {@code Grep IN OUT REGEX}
 * writes {@code count<TAB>match} lines, most frequent first (ties by match). Two chained jobs:
 * the first counts every match (group {@code grep.group}, default 0, of each find in each line)
 * into binary record files; the second sorts by count into one output file.
 */
public final class Grep {

    private Grep() {}

    static final String REGEX = "grep.regex";
    static final String GROUP = "grep.group";

    public static final class RegexMapper implements Mapper<Long, String, String, Long>, Configurable {
        private static final Long ONE = 1L;
        private Pattern pattern;
        private int group;

        @Override
        public void configure(Configuration conf) {
            pattern = Pattern.compile(conf.require(REGEX));
            group = conf.getInt(GROUP, 0);
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) {
            Matcher m = pattern.matcher(line);
            while (m.find()) context.write(m.group(group), ONE);
        }
    }

    public static final class LongSumReducer implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String match, Iterable<Long> counts, Context<String, Long> context) {
            long sum = 0;
            for (long c : counts) sum += c;
            context.write(match, sum);
        }
    }

    /** Keys by (-count, match), so the natural byte order is: most frequent first, then by match. */
    public static final class ByCountMapper implements Mapper<String, Long, Pair<Long, String>, Long> {
        @Override
        public void map(String match, Long count, Context<Pair<Long, String>, Long> context) {
            context.write(Pair.of(-count, match), count);
        }
    }

    public static final class CountMatchReducer implements Reducer<Pair<Long, String>, Long, Long, String> {
        @Override
        public void reduce(Pair<Long, String> key, Iterable<Long> counts, Context<Long, String> context) {
            for (long c : counts) context.write(c, key.second());
        }
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, Grep.class, "IN", "OUT", "REGEX")) ? 0 : 1);
    }

    public static boolean run(GenericOptions opts) throws Exception {
        String in = opts.args().get(0), out = opts.args().get(1), regex = opts.args().get(2);
        Pattern.compile(regex);
        String temp = out.replaceAll("/+$", "") + String.format(Locale.ROOT, "-grep-temp-%08x", ThreadLocalRandom.current().nextInt());
        try {
            Job search = Driver.job(opts, Grep.class, "grep-search")
                    .set(REGEX, regex)
                    .mapper(RegexMapper.class)
                    .combiner(LongSumReducer.class)
                    .reducer(LongSumReducer.class)
                    .outputFormat(RecordFileOutputFormat.class)
                    .input(in)
                    .output(temp);
            if (!search.waitForCompletion(true)) return false;
            Job sort = Driver.job(opts, Grep.class, "grep-sort")
                    .mapper(ByCountMapper.class)
                    .reducer(CountMatchReducer.class)
                    .inputFormat(RecordFileInputFormat.class)
                    .reducers(1)
                    .input(temp)
                    .output(out);
            return sort.waitForCompletion(true);
        } finally {
            try (FileSystems fs = new FileSystems(opts.conf())) {
                FsPath t = fs.resolve(temp);
                fs.get(t).delete(t, true);
            }
        }
    }
}
