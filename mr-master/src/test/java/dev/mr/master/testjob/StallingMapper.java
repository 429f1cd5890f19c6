package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A mapper that outlives its kill, as user code deaf to interrupts does: before its first record
 * it makes the file {@value #STALLED} in the directory {@value #DIR} names, then waits, ignoring
 * interrupts, until the file {@value #RELEASE} appears there (or {@value #DEADLINE_MS} ms pass);
 * then it writes each line and returns normally.
 */
public class StallingMapper implements Mapper<Long, String, String, Long> {

    public static final String DIR = "test.stall.dir";
    public static final String STALLED = "stalled";
    public static final String RELEASE = "release";
    static final long DEADLINE_MS = 60_000;

    private boolean stalled;

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        if (!stalled) {
            stalled = true;
            stall(context);
        }
        context.write(line, 1L);
    }

    private static void stall(Context<String, Long> context) throws Exception {
        Path dir = Path.of(context.conf().require(DIR));
        Files.createFile(dir.resolve(STALLED));
        long end = System.nanoTime() + DEADLINE_MS * 1_000_000;
        while (!Files.exists(dir.resolve(RELEASE)) && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException deaf) {
                // the kill: ignored on purpose
            }
        }
    }
}
