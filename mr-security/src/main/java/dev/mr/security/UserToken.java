package dev.mr.security;

import java.util.regex.Pattern;

/**
 * A bearer token for a person or a tool: a user name, an admin flag and an expiry, signed with
 * a key derived from the cluster secret. Text form {@code mrt1.<payload>.<mac>} (base64url), so
 * it fits an {@code Authorization: Bearer} header, a cookie and a URL. The master keeps no list:
 * a token is valid while its MAC matches and its time has not passed; rotating the secret ends
 * every token at once.
 */
public record UserToken(String user, boolean admin, long expiresAtMs) {

    static final String PREFIX = "mrt1.";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public UserToken {
        checkUser(user);
    }

    /** Refuses a user name a token cannot carry. */
    public static void checkUser(String user) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user name '" + user + "' is not allowed: use 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
    }

    String payload() {
        return user + "\n" + (admin ? 1 : 0) + "\n" + expiresAtMs;
    }

    static UserToken parsePayload(String text) {
        String[] f = text.split("\n", -1);
        if (f.length != 3) throw new IllegalArgumentException("not a user token");
        return new UserToken(f[0], f[1].equals("1"), Long.parseLong(f[2]));
    }
}
