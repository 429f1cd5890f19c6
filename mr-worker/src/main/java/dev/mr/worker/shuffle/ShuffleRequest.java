package dev.mr.worker.shuffle;

import dev.mr.api.spi.AttemptId;
import java.util.regex.Pattern;

/**
 * A validated request for one segment: the two path segments of
 * {@code /shuffle/v1/{mapAttemptId}/{partition}}, as the router decoded them, become a map
 * attempt id in its canonical form and a partition number, or an {@link IllegalArgumentException}
 * whose message the server returns with a 400. Only ids leave here: the file they map to is
 * looked up in the {@link MapOutputRegistry}, so nothing of the request reaches a path. Pure.
 */
public record ShuffleRequest(AttemptId mapAttempt, int partition) {

    /** Letters, digits, {@code _ . -}: what the master's ids are made of, and never a path separator. */
    private static final Pattern ATTEMPT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,199}");
    private static final Pattern PARTITION = Pattern.compile("[0-9]{1,9}");

    public static ShuffleRequest parse(String mapAttempt, String partition) {
        if (mapAttempt == null || !ATTEMPT.matcher(mapAttempt).matches() || mapAttempt.contains("..")) {
            throw new IllegalArgumentException("'" + printable(mapAttempt) + "' is not a map attempt id");
        }
        AttemptId id;
        try {
            id = AttemptId.parse(mapAttempt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + mapAttempt + "' is not a map attempt id");
        }
        if (!id.task().map()) throw new IllegalArgumentException(mapAttempt + " is not a map attempt");
        if (!id.toString().equals(mapAttempt)) {
            throw new IllegalArgumentException("'" + mapAttempt + "' is not in canonical form; expected " + id);
        }
        if (partition == null || !PARTITION.matcher(partition).matches()) {
            throw new IllegalArgumentException("'" + printable(partition) + "' is not a partition number");
        }
        return new ShuffleRequest(id, Integer.parseInt(partition));
    }

    /** The text cut short and with control characters replaced, for an error message. */
    private static String printable(String s) {
        if (s == null) return "";
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
