package dev.mr.worker.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An attempt whose executor died carries the cause in words a user acts on: the exit code, the signal, or the OutOfMemoryError and the heap it hit. */
class ExitCauseTest {

    @Test
    void anExitCodeIsNamed() {
        assertEquals("executor exited with code 3", ExitCause.describe(3, "exiting\n", 512));
    }

    @Test
    void aSignalIsNamedAndACrashIsCalledOne() {
        assertEquals("executor was killed by signal 9 (SIGKILL)", ExitCause.describe(137, "", 512));
        assertEquals("executor was killed by signal 15 (SIGTERM)", ExitCause.describe(143, "", 512));
        assertEquals("executor crashed by signal 6 (SIGABRT)", ExitCause.describe(134, "# A fatal error has been detected", 512));
    }

    @Test
    void anOutOfMemoryErrorIsNamedWithTheHeapWhateverTheExitCode() {
        String tail = "[main] INFO started\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n";
        assertEquals("executor ran out of memory: java.lang.OutOfMemoryError: Java heap space (its heap is 256 MiB;"
                + " raise mr.executor.memory.mb or lower the task's memory use)", ExitCause.describe(3, tail, 256));
    }
}
