package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Reducer;

/** Sums counts, pausing {@code test.reduce.sleep.ms} before the first group, so reducers are still fetching when a test acts. */
public final class SlowSumReducer implements Reducer<String, Integer, String, Integer> {
    @Override
    public void setup(Context<String, Integer> context) throws Exception {
        Thread.sleep(context.conf().getLong("test.reduce.sleep.ms", 0));
    }

    @Override
    public void reduce(String key, Iterable<Integer> values, Context<String, Integer> context) {
        int sum = 0;
        for (int v : values) sum += v;
        context.write(key, sum);
    }
}
