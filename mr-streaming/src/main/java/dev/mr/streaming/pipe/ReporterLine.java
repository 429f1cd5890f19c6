package dev.mr.streaming.pipe;

/**
 * A line of Hadoop Streaming's stderr protocol: {@code reporter:counter:GROUP,COUNTER,AMOUNT}
 * adds AMOUNT to a counter of the task, {@code reporter:status:MESSAGE} sets the task's status.
 */
public sealed interface ReporterLine {

    String PREFIX = "reporter:";

    record Counter(String group, String name, long amount) implements ReporterLine {}

    record Status(String message) implements ReporterLine {}

    /** A {@code reporter:} line that does not follow the protocol: logged with the reason, as Hadoop warns. */
    record Malformed(String line, String reason) implements ReporterLine {}

    /** The reporter line {@code line} is, or null when it is not one (an ordinary log line). */
    static ReporterLine parse(String line) {
        if (!line.startsWith(PREFIX)) return null;
        String rest = line.substring(PREFIX.length());
        if (rest.startsWith("status:")) return new Status(rest.substring("status:".length()));
        if (!rest.startsWith("counter:")) return new Malformed(line, "expected reporter:counter:GROUP,COUNTER,AMOUNT or reporter:status:MESSAGE");
        String[] parts = rest.substring("counter:".length()).split(",", -1);
        if (parts.length != 3) return new Malformed(line, "a counter line has GROUP,COUNTER,AMOUNT: three fields separated by commas");
        try {
            return new Counter(parts[0].trim(), parts[1].trim(), Long.parseLong(parts[2].trim()));
        } catch (NumberFormatException e) {
            return new Malformed(line, "the amount " + parts[2].trim() + " is not a whole number");
        }
    }
}
