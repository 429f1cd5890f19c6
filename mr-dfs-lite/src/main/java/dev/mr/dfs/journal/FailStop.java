package dev.mr.dfs.journal;

/**
 * What a daemon does when its journal cannot write: stop, rather than carry on with state the
 * disk does not hold (HDFS's NameNode does the same after a failed edit-log write). A journal
 * calls it once, with a reason an operator can act on and the original failure, and refuses
 * every later change itself; the production implementation ({@link ProcessExit}) logs the
 * reason and ends the process, tests record the call.
 *
 * <p>Called on the thread whose write failed, possibly holding the caller's locks: an
 * implementation must not block on other threads.
 */
@FunctionalInterface
public interface FailStop {

    void stop(String reason, Throwable cause);
}
