package dev.mr.worker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * A failed attempt's report carries the end of what it printed: the tail must keep the last
 * bytes in order however the writes fall, start at a whole line once it dropped some, and keep
 * what different threads print apart.
 */
class LogTailTest {

    @Test
    void keepsTheLastBytesInOrder() {
        LogTail t = new LogTail(16);
        t.append("abc\n");
        assertEquals("abc\n", t.text());
        t.append("line two\nline three\n");
        assertEquals("...\nline three\n", t.text());
        t.append("x".repeat(40));
        assertEquals("...\n" + "x".repeat(16), t.text(), "no newline left: all that is kept");
    }

    @Test
    void wrapsAroundAtAnyOffset() {
        for (int first = 0; first < 12; first++) {
            LogTail t = new LogTail(10);
            t.append("-".repeat(first));
            t.append("0123\n456789");
            String s = t.text();
            assertTrue(s.endsWith("456789"), first + ": " + s);
        }
    }

    @Test
    void routesWhatEachThreadPrintsToItsOwnTail() throws Exception {
        AttemptLogs.install(null);
        try {
            LogTail[] tails = new LogTail[2];
            Thread[] threads = new Thread[2];
            for (int i = 0; i < 2; i++) {
                int n = i;
                threads[i] = new Thread(() -> {
                    tails[n] = AttemptLogs.begin(4096);
                    PrintStream out = n == 0 ? System.out : System.err;
                    for (int k = 0; k < 10; k++) out.println("thread " + n + " line " + k);
                    AttemptLogs.end();
                    out.println("thread " + n + " after the end");
                });
                threads[i].start();
            }
            for (Thread t : threads) t.join();
            System.out.println("the test's own line");
            for (int i = 0; i < 2; i++) {
                String s = tails[i].text();
                assertTrue(s.contains("thread " + i + " line 9"), s);
                assertTrue(!s.contains("thread " + (1 - i)) && !s.contains("after the end") && !s.contains("own line"), s);
            }
        } finally {
            AttemptLogs.uninstall();
        }
    }
}
