package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * A mapper for jars that tests build on the fly: each line becomes (line, 1), slowly, so a job
 * stays running until killed. It sets its status to {@value #STATUS} and the line's offset (with
 * markup in it, which pages must show as text).
 */
public class SlowMapper implements Mapper<Long, String, String, Long> {

    public static final String STATUS = "<b>mapping</b> offset ";

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        context.status(STATUS + offset);
        Thread.sleep(200);
        context.write(line, 1L);
    }
}
