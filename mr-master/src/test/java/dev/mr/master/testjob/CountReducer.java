package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Reducer;

/** A reducer for jars that tests build on the fly: sums the counts of a line. */
public class CountReducer implements Reducer<String, Long, String, Long> {

    @Override
    public void reduce(String line, Iterable<Long> counts, Context<String, Long> context) throws Exception {
        long sum = 0;
        for (long c : counts) sum += c;
        context.write(line, sum);
    }
}
