package dev.mr.hadoop;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * A mapper for jars that tests build on the fly: each word of a line becomes (word, 1), but the
 * first attempt of map 0 writes its first record and then waits until it is killed, so that a
 * backup attempt wins and the straggler dies with its output file open.
 */
public class StragglerMapper implements Mapper<Long, String, String, Long> {

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1L);
        if (context.task().partition() == 0 && context.task().attemptId().endsWith("_0")) Thread.sleep(600_000);
    }
}
