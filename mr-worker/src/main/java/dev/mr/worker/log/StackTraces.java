package dev.mr.worker.log;

import java.io.PrintWriter;
import java.io.StringWriter;

/** An exception as a failure report carries it: its stack trace, causes included, as Java prints it. */
public final class StackTraces {

    private StackTraces() {}

    public static String of(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
