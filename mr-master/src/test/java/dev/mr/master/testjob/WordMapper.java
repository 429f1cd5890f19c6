package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/** A mapper for jars that tests build on the fly: each word of a line becomes (word, 1). */
public class WordMapper implements Mapper<Long, String, String, Long> {

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1L);
    }
}
