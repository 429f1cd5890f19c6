package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * WordCount's mapper with bad records, for skip mode: a line that starts with {@value #POISON}
 * throws, as a parser does on a malformed record; one that starts with {@value #HALT} halts the JVM
 * with code 7, as crashing native code does, but only when the job sets {@code test.halt=true}
 * (otherwise its words count like any others), so a local run in the test's own JVM is never at risk.
 */
public final class BadRecordMapper implements Mapper<Long, String, String, Integer> {

    public static final String POISON = "POISON";
    public static final String HALT = "HALT";

    private boolean halt;

    @Override
    public void setup(Context<String, Integer> context) {
        halt = context.conf().getBoolean("test.halt", false);
    }

    @Override
    public void map(Long offset, String line, Context<String, Integer> context) {
        if (halt && line.startsWith(HALT)) Runtime.getRuntime().halt(7);
        if (line.startsWith(POISON)) throw new IllegalArgumentException("malformed record at offset " + offset + ": " + line);
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1);
    }
}
