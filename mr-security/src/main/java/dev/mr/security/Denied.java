package dev.mr.security;

/**
 * The gate's refusal: 401 when the request did not prove who sent it (no credentials, a bad
 * signature, an expired or tampered token, a replay), 403 when it did but may not do this.
 * The message says which, and how to authenticate; it never echoes a credential.
 */
public final class Denied extends RuntimeException {

    private final int status;

    Denied(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static Denied unauthenticated(String message) {
        return new Denied(401, message);
    }

    static Denied forbidden(String message) {
        return new Denied(403, message);
    }

    public int status() {
        return status;
    }
}
