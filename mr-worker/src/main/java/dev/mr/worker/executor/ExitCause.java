package dev.mr.worker.executor;

/**
 * Why an executor JVM ended, in words an attempt's error can carry: its exit code, the signal
 * that killed it, or the {@code OutOfMemoryError} its JVM reported before exiting
 * ({@code -XX:+ExitOnOutOfMemoryError}). Pure.
 */
public final class ExitCause {

    private ExitCause() {}

    /**
     * @param exitCode   as {@link Process#exitValue()} gives it: 128 + N for a process killed by signal N
     * @param outputTail the last lines the executor wrote to its standard error
     * @param heapMb     its heap limit, named when it ran out
     */
    public static String describe(int exitCode, String outputTail, long heapMb) {
        String oom = outOfMemory(outputTail);
        if (oom != null) {
            return "executor ran out of memory: " + oom + " (its heap is " + heapMb + " MiB; raise mr.executor.memory.mb"
                    + " or lower the task's memory use)";
        }
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = signalName(signal);
            String what = signal == 6 || signal == 11 || signal == 7 ? "crashed" : "was killed";
            return "executor " + what + " by signal " + signal + (name == null ? "" : " (" + name + ")");
        }
        return "executor exited with code " + exitCode;
    }

    /** The {@code OutOfMemoryError} line in the output, without the JVM's preamble; null when there is none. */
    static String outOfMemory(String outputTail) {
        if (outputTail == null) return null;
        int at = outputTail.lastIndexOf("java.lang.OutOfMemoryError");
        if (at < 0) return null;
        int end = outputTail.indexOf('\n', at);
        return outputTail.substring(at, end < 0 ? outputTail.length() : end).strip();
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> null;
        };
    }
}
