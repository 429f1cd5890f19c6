package dev.mr.master.testjob;

import dev.mr.api.Context;
import dev.mr.api.Mapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A mapper whose status message must be seen while it runs: on its first record it sets the
 * status "halfway", then waits until the file {@value #SEEN} appears in the directory
 * {@value #DIR} names (the test makes it once the API showed the message), and fails after
 * {@value #DEADLINE_MS} ms when it does not. Each line becomes (line, 1).
 */
public class StatusMapper implements Mapper<Long, String, String, Long> {

    public static final String DIR = "test.status.dir";
    public static final String SEEN = "seen";
    public static final String MESSAGE = "halfway";
    static final long DEADLINE_MS = 60_000;

    private boolean waited;

    @Override
    public void map(Long offset, String line, Context<String, Long> context) throws Exception {
        if (!waited) {
            waited = true;
            context.status(MESSAGE);
            Path seen = Path.of(context.conf().require(DIR)).resolve(SEEN);
            long end = System.nanoTime() + DEADLINE_MS * 1_000_000;
            while (!Files.exists(seen)) {
                if (System.nanoTime() > end) throw new IllegalStateException("nobody saw the status '" + MESSAGE + "' within " + DEADLINE_MS + " ms");
                Thread.sleep(10);
            }
        }
        context.write(line, 1L);
    }
}
