package dev.mr.security;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The keys derived from a {@link ClusterSecret}, one per purpose, and what each makes and
 * checks: request signatures, user tokens, capabilities. Verification is pure: the time is an
 * argument, and a failure is a {@link Denied} that says what was wrong. Immutable, thread-safe.
 */
public final class ClusterKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Hmac requests;
    private final Hmac users;
    private final Hmac capabilities;

    public ClusterKeys(ClusterSecret secret) {
        this.requests = new Hmac(secret.derive("request-signature/v1"));
        this.users = new Hmac(secret.derive("user-token/v1"));
        this.capabilities = new Hmac(secret.derive("capability/v1"));
    }

    /** The {@code Authorization} header value for a request signed now as {@code user}. */
    public String sign(String method, String pathAndQuery, String user, String bodySha256, long now) {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        String mac = requests.macText(RequestSignature.canonical(method, pathAndQuery, user, now, nonce, bodySha256));
        return new RequestSignature(user, now, nonce, mac).header();
    }

    /** Checks a signature's MAC (not its time or nonce: see {@link Gate}). */
    void verify(RequestSignature s, String method, String pathAndQuery, String bodySha256) {
        String canonical = RequestSignature.canonical(method, pathAndQuery, s.user(), s.ts(), s.nonce(), bodySha256);
        if (!requests.verify(canonical, s.mac())) {
            throw Denied.unauthenticated("the request's signature does not match: the client signs with another secret than this cluster's "
                    + "(check " + ClusterSecret.ENV + " or --secret-file), or the request was altered on the way");
        }
    }

    public String mint(UserToken t) {
        String payload = Hmac.encode(t.payload());
        return UserToken.PREFIX + payload + "." + users.macText(UserToken.PREFIX + payload);
    }

    /** The token's claims, if its MAC matches and it has not expired. */
    public UserToken verifyUserToken(String text, long now) {
        String payload = signedPayload(text, UserToken.PREFIX, users, "user token");
        UserToken t;
        try {
            t = UserToken.parsePayload(Hmac.decodeText(payload));
        } catch (IllegalArgumentException e) {
            throw Denied.unauthenticated("the user token is malformed; make a new one with scripts/mr-token");
        }
        if (now > t.expiresAtMs()) {
            throw Denied.unauthenticated("the user token of " + t.user() + " expired " + ago(now - t.expiresAtMs())
                    + " ago; make a new one with scripts/mr-token");
        }
        return t;
    }

    public String mint(Capability c) {
        String payload = Hmac.encode(c.payload());
        return Capability.PREFIX + payload + "." + capabilities.macText(Capability.PREFIX + payload);
    }

    /** Checks that {@code text} grants {@code kind} on {@code resource} now. */
    public Capability verifyCapability(String text, Capability.Kind kind, String resource, long now) {
        String payload = signedPayload(text, Capability.PREFIX, capabilities, "capability");
        Capability c;
        try {
            c = Capability.parsePayload(Hmac.decodeText(payload));
        } catch (IllegalArgumentException e) {
            throw Denied.unauthenticated("the capability token is malformed");
        }
        if (now > c.expiresAtMs()) {
            throw Denied.unauthenticated("the capability to " + c.describe() + " expired " + ago(now - c.expiresAtMs())
                    + " ago; ask the master again (open the file again, or retry the task)");
        }
        if (c.kind() != kind || !c.resource().equals(resource)) {
            throw Denied.forbidden("the capability grants " + c.describe() + ", not " + new Capability(kind, resource, 0).describe());
        }
        return c;
    }

    /** The payload of a {@code PREFIX.payload.mac} token whose MAC matches. */
    private static String signedPayload(String text, String prefix, Hmac key, String what) {
        int dot = text.lastIndexOf('.');
        if (!text.startsWith(prefix) || dot <= prefix.length()) {
            throw Denied.unauthenticated("the " + what + " is malformed");
        }
        if (!key.verify(text.substring(0, dot), text.substring(dot + 1))) {
            throw Denied.unauthenticated("the " + what + " was not made with this cluster's secret (or was altered): "
                    + "it comes from another cluster, or the secret was rotated since");
        }
        return text.substring(prefix.length(), dot);
    }

    static String ago(long ms) {
        long s = ms / 1000;
        if (s < 120) return s + " s";
        if (s < 7200) return s / 60 + " min";
        return s / 3600 + " h";
    }
}
