package dev.mr.dfs.journal;

import java.io.IOException;

/**
 * A daemon in miniature for {@link ProcessExitTest}, run in its own JVM: its shutdown hook
 * needs a lock that the thread whose write "failed" holds when it calls the {@link ProcessExit},
 * as the dfs master's hook needs the metadata lock.
 */
public final class FailStopProcess {

    private FailStopProcess() {}

    public static void main(String[] args) throws Exception {
        Object lock = new Object();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (lock) {
                System.out.println("hook ran");
                System.out.flush();
            }
        }));
        synchronized (lock) {
            new ProcessExit().stop("the journal /x/log-1 could not be written (No space left on device)", new IOException("No space left on device"));
            Thread.sleep(300); // still refusing the change under the lock
        }
        Thread.sleep(600_000);
    }
}
