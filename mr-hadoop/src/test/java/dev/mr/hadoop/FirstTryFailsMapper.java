package dev.mr.hadoop;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * A mapper for jars that tests build on the fly: each word of a line becomes (word, 1); with
 * {@value #FAIL} set, a task's first attempt also writes {@value #MARK} and then fails at its end,
 * after its output file was written and closed, so that only the retry's output may be committed.
 */
public class FirstTryFailsMapper implements Mapper<Long, String, String, Long> {

    public static final String FAIL = "test.first.try.fails";
    public static final String MARK = "WRITTEN-BY-A-FAILED-ATTEMPT";

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1L);
        if (firstTry(context)) context.write(MARK, 1L);
    }

    @Override
    public void cleanup(Context<String, Long> context) {
        if (firstTry(context)) throw new IllegalStateException("the first attempt of " + context.task().attemptId() + " fails on purpose");
    }

    private static boolean firstTry(Context<String, Long> context) {
        return context.conf().getBoolean(FAIL, false) && context.task().attemptId().endsWith("_0");
    }
}
