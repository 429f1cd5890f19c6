package dev.mr.dfs;

/**
 * The kinds of failure the store reports, each with its HTTP status and the stable code that
 * appears in error replies. A client maps the code back to the right exception.
 */
public enum Problem {
    BAD_REQUEST(400, "bad_request"),
    NOT_FOUND(404, "not_found"),
    EXISTS(409, "exists"),
    BEING_WRITTEN(409, "being_written"),
    NOT_EMPTY(409, "not_empty"),
    NOT_A_DIRECTORY(409, "not_a_directory"),
    IS_A_DIRECTORY(409, "is_a_directory"),
    LEASE(409, "lease"),
    TOO_LARGE(413, "too_large"),
    BAD_RANGE(416, "bad_range"),
    CORRUPT(500, "corrupt_replica"),
    INTERNAL(500, "internal"),
    UNAVAILABLE(503, "unavailable"),
    NO_SPACE(507, "no_space");

    public final int status;
    public final String code;

    Problem(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public static Problem ofCode(String code) {
        for (Problem p : values()) if (p.code.equals(code)) return p;
        return null;
    }
}
