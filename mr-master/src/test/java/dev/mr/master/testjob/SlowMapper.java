package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/** A mapper for jars that tests build on the fly: each line becomes (line, 1), slowly, so a job stays running until killed. */
public class SlowMapper implements Mapper<Long, String, String, Long> {

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        Thread.sleep(200);
        context.write(line, 1L);
    }
}
