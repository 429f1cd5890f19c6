package dev.mr.security;

import java.util.HashMap;
import java.util.Map;

/**
 * How daemons and command-line tools sign a request with the cluster secret:
 * {@code Authorization: MR-HMAC-SHA256 user=U, ts=MILLIS, nonce=HEX, sig=MAC}, where MAC is the
 * base64url HMAC-SHA256, under a key derived for this purpose, of
 * <pre>
 * MR-HMAC-SHA256 \n METHOD \n PATH?QUERY (as sent) \n U \n MILLIS \n NONCE \n BODY-SHA256
 * </pre>
 * and BODY-SHA256 is the {@value #CONTENT_SHA256} header: the body's SHA-256 in hex, or
 * {@value #UNSIGNED_BODY} for a body streamed without one (a chunk or a jar; their integrity
 * is checked by CRC32C or SHA-256 of their own, and TLS). The server refuses a timestamp more
 * than its window away from its clock and a nonce it has seen within that window.
 *
 * @param user  the name the signer acts as (recorded as a job's owner and in the audit log)
 * @param ts    the signer's clock, epoch milliseconds
 * @param nonce random, unique per request
 * @param mac   the signature, base64url
 */
public record RequestSignature(String user, long ts, String nonce, String mac) {

    public static final String SCHEME = "MR-HMAC-SHA256";
    public static final String CONTENT_SHA256 = "X-MR-Content-SHA256";
    public static final String UNSIGNED_BODY = "UNSIGNED";

    static String canonical(String method, String pathAndQuery, String user, long ts, String nonce, String bodySha256) {
        return SCHEME + "\n" + method + "\n" + pathAndQuery + "\n" + user + "\n" + ts + "\n" + nonce + "\n" + bodySha256;
    }

    String header() {
        return SCHEME + " user=" + user + ", ts=" + ts + ", nonce=" + nonce + ", sig=" + mac;
    }

    static boolean isSignature(String authorization) {
        return authorization != null && authorization.startsWith(SCHEME + " ");
    }

    /** Parses the header; {@link IllegalArgumentException} when a field is missing or malformed. */
    static RequestSignature parse(String authorization) {
        Map<String, String> f = new HashMap<>();
        for (String part : authorization.substring(SCHEME.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) f.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        String user = f.get("user"), ts = f.get("ts"), nonce = f.get("nonce"), sig = f.get("sig");
        if (user == null || ts == null || nonce == null || sig == null || nonce.length() < 16 || nonce.length() > 64) {
            throw new IllegalArgumentException("malformed " + SCHEME + " header: it needs user, ts, nonce (16 to 64 characters) and sig");
        }
        return new RequestSignature(user, Long.parseLong(ts), nonce, sig);
    }
}
