package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/** A mapper for jars that tests build on the fly: each line becomes (line, 1). */
public class LineMapper implements Mapper<Long, String, String, Long> {

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        context.write(line, 1L);
    }
}
