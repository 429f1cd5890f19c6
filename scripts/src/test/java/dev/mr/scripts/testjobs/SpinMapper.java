package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * WordCount's mapper, except that with {@code test.spin=true} the first attempt of map 0 spins on
 * its first record forever, deaf to interrupts (only a task timeout and killing its JVM end it),
 * and the first attempts of the other maps stay {@code test.spin.neighbour.ms} before they return,
 * showing progress, so that some run beside it in its executor when that is killed. The setting
 * is for cluster runs alone (the local runner's attempts end in {@code _0} too).
 */
public final class SpinMapper implements Mapper<Long, String, String, Integer> {
    /** Written on every turn, so the loop is not work a compiler may drop. */
    public static volatile long sink;

    private boolean spins;
    private long stayMs;

    @Override
    public void setup(Context<String, Integer> context) {
        String attempt = context.task().attemptId();
        boolean first = context.conf().getBoolean("test.spin", false) && attempt.endsWith("_0");
        spins = first && attempt.contains("_m_000000_");
        stayMs = first && !spins ? context.conf().getLong("test.spin.neighbour.ms", 0) : 0;
    }

    @Override
    public void map(Long offset, String line, Context<String, Integer> context) {
        if (spins) spin();
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1);
    }

    @Override
    public void cleanup(Context<String, Integer> context) throws InterruptedException {
        for (long end = System.currentTimeMillis() + stayMs; System.currentTimeMillis() < end; ) {
            context.progress();
            Thread.sleep(100);
        }
    }

    private static void spin() {
        System.err.println("SpinMapper: spinning, deaf to interrupts, since " + System.currentTimeMillis());
        for (long x = 1; ; x = x * 6364136223846793005L + 1442695040888963407L) sink = x;
    }
}
