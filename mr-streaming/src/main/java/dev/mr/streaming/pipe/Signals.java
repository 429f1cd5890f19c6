package dev.mr.streaming.pipe;

/** Names of the POSIX signals a command commonly dies of (Linux numbering). */
final class Signals {

    private Signals() {}

    /** " (SIGSEGV)" and the like, or "" for a number without a well-known name. */
    static String name(int signal) {
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
