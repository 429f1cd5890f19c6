package dev.mr.worker.local;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a job's progress as one line, {@code map 100% reduce 40%  elapsed 0:12}: rewritten
 * in place on a terminal, otherwise a new line whenever the percentages change. Thread-safe.
 */
public final class ProgressLine {

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos;
    private String last = "";

    public ProgressLine(PrintStream out, boolean terminal, long startNanos) {
        this.out = out;
        this.terminal = terminal;
        this.startNanos = startNanos;
    }

    /** Formats progress; {@code total == 0} counts as complete. */
    public static String format(int mapsDone, int maps, int reducesDone, int reduces, long elapsedMillis) {
        long s = elapsedMillis / 1000;
        String elapsed = s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return String.format(Locale.ROOT, "map %d%% reduce %d%%  elapsed %s", percent(mapsDone, maps), percent(reducesDone, reduces), elapsed);
    }

    static int percent(int done, int total) {
        return total == 0 ? 100 : (int) (100L * done / total);
    }

    public synchronized void update(int mapsDone, int maps, int reducesDone, int reduces) {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        String line = format(mapsDone, maps, reducesDone, reduces, elapsed);
        String percentages = line.substring(0, line.indexOf("  elapsed"));
        if (terminal) {
            out.print("\r" + line);
            out.flush();
        } else if (!percentages.equals(last)) {
            out.println(line);
        }
        last = percentages;
    }

    /** Ends the in-place line on a terminal. */
    public synchronized void finish() {
        if (terminal) out.println();
    }
}
