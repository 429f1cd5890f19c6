package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/** WordCount's mapper, slowed down by {@code test.map.sleep.ms} per 1000 lines, so a test can act while maps run. */
public final class SlowTokenMapper implements Mapper<Long, String, String, Integer> {
    private long lines;

    @Override
    public void map(Long offset, String line, Context<String, Integer> context) throws Exception {
        if (++lines % 1000 == 0) Thread.sleep(context.conf().getLong("test.map.sleep.ms", 20));
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1);
    }
}
