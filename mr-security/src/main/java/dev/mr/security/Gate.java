package dev.mr.security;

/**
 * Decides whether a request may pass, from its access rule and what it carries: the one
 * decision every server's edge makes before any route runs. Pure but for the replay guard's
 * memory; the time is an argument.
 *
 * <p>Credentials, in the order they are tried: a capability (on capability routes), a request
 * signed with the cluster secret, a bearer user token, the web page's session cookie. A
 * state-changing request that only the cookie authenticates must also carry
 * {@value #CSRF_HEADER}, which a page from another origin cannot send without a CORS grant
 * (none is given), so a cross-site form cannot act through a logged-in browser.
 *
 * <p>Thread-safe.
 */
public final class Gate {

    /** The header a browser's state-changing request must carry besides the cookie (Hadoop's REST CSRF filter uses the same). */
    public static final String CSRF_HEADER = "X-XSRF-HEADER";
    /** How far a signed request's clock may be from the server's. */
    public static final long DEFAULT_WINDOW_MS = 5 * 60_000;

    static final String HOW = "authenticate with a user token (Authorization: Bearer TOKEN, from scripts/mr-token), "
            + "or sign with the cluster secret (set " + ClusterSecret.ENV + " or --secret-file)";

    private final ClusterKeys keys;
    private final AccessRules rules;
    private final long windowMs;
    private final ReplayGuard replays;

    /** A gate that checks; {@code keys} derive from the cluster secret. */
    public Gate(ClusterKeys keys, AccessRules rules, long windowMs) {
        this.keys = keys;
        this.rules = rules;
        this.windowMs = windowMs;
        this.replays = new ReplayGuard(windowMs, 1_000_000);
    }

    /** The principal the request acts as; {@link Denied} when it may not pass. */
    public Principal admit(Presented p, long now) {
        AccessRule rule = rules.find(p.method(), p.path());
        Access access = rule == null ? Access.USER : rule.access();
        if (access == Access.OPEN) return Principal.ANONYMOUS;
        if (access.capability() != null && p.capability() != null && !RequestSignature.isSignature(p.authorization())) {
            Capability c = keys.verifyCapability(p.capability(), access.capability(), AccessRules.resource(rule, p.method(), p.path()), now);
            return new Principal("capability:" + c.kind().name().toLowerCase(java.util.Locale.ROOT), Principal.Role.CAPABILITY);
        }
        Principal who = authenticate(p, now);
        if (access.capability() != null && !who.isCluster()) {
            throw Denied.forbidden(p.method() + " " + p.path() + " needs a capability the master hands out ("
                    + Capability.HEADER + " header): a user token does not open the data plane");
        }
        if (access == Access.CLUSTER && !who.isAdmin()) {
            throw Denied.forbidden(p.method() + " " + p.path() + " is for the cluster's own daemons, which sign requests with the cluster secret, "
                    + "and for admin tokens (scripts/mr-token --admin); " + who.name() + "'s user token cannot call it");
        }
        return who;
    }

    private Principal authenticate(Presented p, long now) {
        String auth = p.authorization();
        if (RequestSignature.isSignature(auth)) return signed(p, now);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return user(keys.verifyUserToken(auth.substring(7).strip(), now));
        if (auth != null) throw Denied.unauthenticated("unknown Authorization scheme; " + HOW);
        if (p.sessionToken() != null) {
            Principal who = user(keys.verifyUserToken(p.sessionToken(), now));
            if (!p.method().equals("GET") && !p.method().equals("HEAD") && !p.csrfHeader()) {
                throw Denied.forbidden("a " + p.method() + " from the web page needs the " + CSRF_HEADER
                        + " header besides the session cookie (cross-site requests are refused)");
            }
            return who;
        }
        throw Denied.unauthenticated("this request carries no credentials; " + HOW);
    }

    private Principal signed(Presented p, long now) {
        RequestSignature s;
        try {
            s = RequestSignature.parse(p.authorization());
        } catch (IllegalArgumentException e) {
            throw Denied.unauthenticated(e.getMessage());
        }
        String body = p.bodySha256() == null ? RequestSignature.UNSIGNED_BODY : p.bodySha256();
        keys.verify(s, p.method(), p.pathAndQuery(), body);
        if (Math.abs(now - s.ts()) > windowMs) {
            throw Denied.unauthenticated("the signed request is dated " + ClusterKeys.ago(Math.abs(now - s.ts()))
                    + (s.ts() < now ? " ago" : " ahead") + ", outside the " + windowMs / 1000 + " s window: check the clocks of both machines");
        }
        switch (replays.admit(s.nonce(), s.ts(), now)) {
            case REPLAYED -> throw Denied.unauthenticated("this signed request was already received once (a replay); each request must be signed anew");
            case FULL -> throw new Denied(503, "too many signed requests in the replay window; retry shortly");
            default -> { }
        }
        return new Principal(s.user(), Principal.Role.CLUSTER);
    }

    private static Principal user(UserToken t) {
        return new Principal(t.user(), t.admin() ? Principal.Role.ADMIN : Principal.Role.USER);
    }

    /** The token a person opens the web page with ({@code ?token=}), if it is valid now. */
    public UserToken login(String token, long now) {
        return keys.verifyUserToken(token, now);
    }
}
