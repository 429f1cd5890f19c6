package dev.mr.dfs.journal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link FailStop}: logs {@code fail-stop: <reason>} at ERROR and exits the JVM
 * with status {@value #STATUS} (EX_SOFTWARE), so a supervisor sees a failure, not a clean stop.
 *
 * <p>The exit runs on a thread of its own: {@code System.exit} waits for the shutdown hooks,
 * and those close the journal under the very lock the failing thread may hold. Should a hook
 * hang, the process halts after {@link #HOOK_GRACE_MS}. Thread-safe; only the first call acts.
 */
public final class ProcessExit implements FailStop {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessExit.class);
    public static final int STATUS = 70;
    static final long HOOK_GRACE_MS = 30_000;

    private final AtomicBoolean stopping = new AtomicBoolean();

    @Override
    public void stop(String reason, Throwable cause) {
        LOG.error("fail-stop: {}", reason, cause);
        if (!stopping.compareAndSet(false, true)) return;
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HOOK_GRACE_MS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(STATUS);
        }, "fail-stop-halt");
        halt.setDaemon(true);
        halt.start();
        new Thread(() -> System.exit(STATUS), "fail-stop-exit").start();
    }
}
