package dev.mr.dfs.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The daemons' fail-stop must really end the process, with a status a supervisor reads as a
 * failure and the reason in the log, even when the shutdown hooks need a lock the failing
 * thread holds (System.exit on that thread would wait for them forever).
 */
class ProcessExitTest {

    @Test
    void aFailStopLogsTheReasonAndExitsWithStatus70() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), FailStopProcess.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ProcessExit.STATUS, p.exitValue(), out);
        assertTrue(out.contains("fail-stop: the journal /x/log-1 could not be written"), out);
        assertTrue(out.contains("hook ran"), "the shutdown hooks ran: " + out);
    }
}
