package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Counter;
import dev.mr.api.Mapper;

/**
 * A mapper for jars that tests build on the fly: each word of a line becomes (word, 1). It also
 * counts in a group of its own, so that pages show user counters next to the built-in ones, and a
 * counter name with markup in it stays text.
 */
public class WordMapper implements Mapper<Long, String, String, Long> {

    public static final String GROUP = "Words";

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        Counter words = context.counter(GROUP, "WORDS");
        for (String w : line.split(" ")) {
            if (w.isEmpty()) continue;
            context.write(w, 1L);
            words.increment(1);
        }
        context.counter(GROUP, "<i>LINES</i>").increment(1);
    }
}
