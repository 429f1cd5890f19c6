package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * A mapper for jars that tests build on the fly: each line becomes (line, 1), except a line that
 * starts with {@value #POISON}, on which it throws, as a parser does on a malformed record, and one
 * that starts with {@value #HALT}, on which it halts its JVM, as native code that crashes does
 * (run it only in an executor).
 */
public class PoisonLineMapper implements Mapper<Long, String, String, Long> {

    public static final String POISON = "POISON";
    public static final String HALT = "HALT";

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        if (line.startsWith(HALT)) Runtime.getRuntime().halt(7);
        if (line.startsWith(POISON)) throw new IllegalArgumentException("malformed record at offset " + offset + ": " + line);
        context.write(line, 1L);
    }
}
