package dev.mr.jobs;

import dev.mr.api.Context;
import dev.mr.api.GenericOptions;
import dev.mr.api.Job;
import dev.mr.api.Mapper;
import dev.mr.api.Reducer;
import java.util.TreeSet;

/**
 * Which files each word occurs in: {@code InvertedIndex IN OUT} writes
 * {@code word<TAB>file1,file2,...} with the files' names (not paths) distinct and sorted.
 * Words split as in {@link WordCount}; a combiner drops repeats on the map side.
 */
public final class InvertedIndex {

    private InvertedIndex() {}

    /** Reads the input path in {@code map}, not {@code setup}: one map task may read several packed small files. */
    public static final class WordFileMapper implements Mapper<Long, String, String, String> {
        private String path;
        private String file;

        @Override
        public void map(Long offset, String line, Context<String, String> context) {
            String current = context.task().inputPath();
            if (!current.equals(path)) {
                path = current;
                file = current.substring(current.lastIndexOf('/') + 1);
            }
            Words.forEach(line, word -> context.write(word, file));
        }
    }

    /** Writes each distinct file once: usable as the combiner too, since repeating it changes nothing. */
    public static final class DistinctFiles implements Reducer<String, String, String, String> {
        @Override
        public void reduce(String word, Iterable<String> files, Context<String, String> context) {
            TreeSet<String> distinct = new TreeSet<>();
            for (String f : files) distinct.add(f);
            for (String f : distinct) context.write(word, f);
        }
    }

    public static final class FileListReducer implements Reducer<String, String, String, String> {
        @Override
        public void reduce(String word, Iterable<String> files, Context<String, String> context) {
            TreeSet<String> distinct = new TreeSet<>();
            for (String f : files) distinct.add(f);
            context.write(word, String.join(",", distinct));
        }
    }

    public static void main(String[] argv) throws Exception {
        System.exit(run(Driver.parse(argv, InvertedIndex.class, "IN", "OUT")) ? 0 : 1);
    }

    public static Job job(GenericOptions opts) {
        return Driver.job(opts, InvertedIndex.class, "inverted index")
                .mapper(WordFileMapper.class)
                .combiner(DistinctFiles.class)
                .reducer(FileListReducer.class)
                .input(opts.args().get(0))
                .output(opts.args().get(1));
    }

    public static boolean run(GenericOptions opts) throws Exception {
        return job(opts).waitForCompletion(true);
    }
}
