package dev.mr.scripts.testjobs;

import dev.mr.api.Context;
import dev.mr.api.Mapper;

/**
 * WordCount's mapper that leaves a non-daemon thread behind which never ends (it shrugs off
 * interrupts), and pauses {@code test.linger.pause.ms} before it returns, so a test sees its
 * executor while the job runs. Nothing of the job may outlive it on a worker, that thread
 * included.
 */
public final class LingerMapper implements Mapper<Long, String, String, Integer> {
    @Override
    public void setup(Context<String, Integer> context) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // lingers on
                }
            }
        }, "lingering-" + context.task().attemptId());
        t.setDaemon(false);
        t.start();
    }

    @Override
    public void map(Long offset, String line, Context<String, Integer> context) {
        for (String w : line.split(" ")) if (!w.isEmpty()) context.write(w, 1);
    }

    @Override
    public void cleanup(Context<String, Integer> context) throws InterruptedException {
        Thread.sleep(context.conf().getLong("test.linger.pause.ms", 0));
    }
}
