package dev.mr.worker.submit;

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

    /** Formats progress given as fractions in [0, 1] (rounded down, so 100% means done). */
    public static String format(double map, double reduce, long elapsedMillis) {
        long s = elapsedMillis / 1000;
        String elapsed = s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return String.format(Locale.ROOT, "map %d%% reduce %d%%  elapsed %s", percent(map), percent(reduce), elapsed);
    }

    static int percent(double fraction) {
        return (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100 + 1e-9);
    }

    /** Completed tasks over all tasks of each phase; a phase without tasks counts as done. */
    public void update(int mapsDone, int maps, int reducesDone, int reduces) {
        update(maps == 0 ? 1 : (double) mapsDone / maps, reduces == 0 ? 1 : (double) reducesDone / reduces);
    }

    public synchronized void update(double map, double reduce) {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        String line = format(map, reduce, elapsed);
        String percentages = line.substring(0, line.indexOf("  elapsed"));
        if (terminal) {
            out.print("\r" + line);
            out.flush();
        } else if (!percentages.equals(last)) {
            out.println(line);
        }
        last = percentages;
    }

    /** Prints a line of its own between progress lines (on a terminal, below the line in place, which the next update redraws). */
    public synchronized void note(String line) {
        if (terminal && !last.isEmpty()) out.println();
        out.println(line);
        last = "";
    }

    /** Ends the in-place line on a terminal. */
    public synchronized void finish() {
        if (terminal) out.println();
    }
}
