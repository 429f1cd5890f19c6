package dev.mr.dfs.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for a long copy, at most once a second: rewritten in place on a terminal,
 * one line per update otherwise. Confined to the copying thread.
 */
final class Progress {

    private final PrintStream err;
    private final boolean terminal;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long last = start;

    Progress(PrintStream err, boolean terminal, String what, long total) {
        this.err = err;
        this.terminal = terminal;
        this.what = what;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - last < 1_000_000_000L) return;
        last = now;
        print(done, now, false);
    }

    void done(long done) {
        print(done, System.nanoTime(), true);
    }

    private void print(long done, long now, boolean end) {
        double secs = Math.max(1e-9, (now - start) / 1e9);
        String pct = total > 0 ? String.format(Locale.ROOT, " (%d%%)", done * 100 / total) : "";
        String line = String.format(Locale.ROOT, "%s: %s of %s%s, %s/s", what, DfsCli.size(done), DfsCli.size(total), pct,
                DfsCli.size((long) (done / secs)));
        if (terminal) err.print("\r" + line + (end ? "\n" : ""));
        else err.println(line);
        err.flush();
    }
}
