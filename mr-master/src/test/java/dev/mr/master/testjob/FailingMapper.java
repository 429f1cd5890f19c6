package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * A mapper for jars that tests build on the fly: fails on its split's first record, after
 * printing a line, so that its attempt's report carries an exception, a stack trace and a log tail.
 */
public class FailingMapper implements Mapper<Long, String, String, Long> {

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        System.err.println("FailingMapper: about to fail on the record at offset " + offset);
        throw new IllegalStateException("cannot parse the record at offset " + offset + ": <b>not a number</b>");
    }
}
