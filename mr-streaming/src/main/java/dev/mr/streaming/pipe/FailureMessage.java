package dev.mr.streaming.pipe;

/**
 * What to tell the user when a streaming command failed, from how it ended: its exit status (as
 * {@code /bin/sh -c} reports it: 127 not found, 126 not executable, 128+N killed by signal N), or
 * that it stopped reading its input. Pure.
 */
final class FailureMessage {

    private FailureMessage() {}

    /**
     * @param status     the exit status, or null when it still runs
     * @param brokenPipe null, or why writing its input failed
     * @param stderrTail the end of what it wrote on stderr
     */
    static String of(String command, Integer status, String brokenPipe, String stderrTail) {
        String stderr = stderrTail.isEmpty() ? "; it wrote nothing on stderr" : "; the end of its stderr:\n" + stderrTail;
        if (status != null && status == 127) return "cannot run `" + command + "`: command not found (exit status 127 from /bin/sh)" + stderr;
        if (status != null && status == 126) return "cannot run `" + command + "`: not executable (exit status 126 from /bin/sh)" + stderr;
        String why;
        if (status == null) why = "stopped reading its input (" + brokenPipe + ") and is still running";
        else if (status > 128) why = "was killed by signal " + (status - 128) + signalName(status - 128);
        else if (status != 0) why = "exited with status " + status;
        else why = "stopped reading its input before its end (" + brokenPipe + ") and exited with status 0";
        return "streaming command `" + command + "` " + why + stderr;
    }

    /** " (SIGSEGV)" and the like (Linux numbering), or "" for a number without a well-known name. */
    static String signalName(int signal) {
        String n = switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> null;
        };
        return n == null ? "" : " (" + n + ")";
    }
}
