package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/** Throws on the one record that contains "poison": the job must fail with this error after its attempts. */
public final class PoisonMapper implements Mapper<Long, String, String, Integer> {
    @Override
    public void map(Long offset, String line, Context<String, Integer> context) {
        if (line.contains("poison")) throw new IllegalStateException("poisoned record at offset " + offset);
        context.write(line, 1);
    }
}
