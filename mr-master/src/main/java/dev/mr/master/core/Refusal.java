package dev.mr.master.core;

/**
 * The master refuses a request, for a reason the caller can act on. Carries the HTTP status
 * the REST edge answers with; the message names what was wrong and, where there is one, what
 * to do. Thrown (or completed exceptionally) by the {@link Master}'s methods.
 */
public final class Refusal extends RuntimeException {

    private final int status;

    public Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static Refusal badRequest(String message) {
        return new Refusal(400, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(409, message);
    }

    public static Refusal unavailable(String message) {
        return new Refusal(503, message);
    }

    public static Refusal internal(String message) {
        return new Refusal(500, message);
    }
}
