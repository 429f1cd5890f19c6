package dev.mr.security;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What a client (a daemon calling another, {@code mr-submit}, {@code mr-dfs}, a task) presents
 * on each request: a signature with the cluster secret, a bearer user token, or nothing (only
 * for a cluster started with {@code --insecure}). Where they come from, first found wins: the
 * setting {@code mr.secret.file}, the system property of that name, the environment variable
 * {@value ClusterSecret#ENV}; then the setting or property {@code mr.token}, the environment
 * variable {@value #TOKEN_ENV}. They also say whom the client trusts on {@code https://} URLs
 * ({@link ClientTls}: the cluster's CA from {@code mr.tls.ca} or {@value ClientTls#ENV}; without
 * one, the JDK's default authorities), so every client that already holds credentials speaks
 * TLS without another parameter. Immutable and thread-safe.
 */
public final class Credentials {

    public static final String TOKEN_ENV = "MR_TOKEN";
    public static final String TOKEN_PROPERTY = "mr.token";

    private static final Credentials NONE = new Credentials(null, null, null, System::currentTimeMillis, null);

    private final ClusterKeys keys;
    private final String user;
    private final String token;
    private final LongSupplier clock;
    private final ClientTls tls;

    private Credentials(ClusterKeys keys, String user, String token, LongSupplier clock, ClientTls tls) {
        this.keys = keys;
        this.user = user;
        this.token = token;
        this.clock = clock;
        this.tls = tls;
    }

    public static Credentials none() {
        return NONE;
    }

    /** Signs every request with the secret, acting as {@code user}. */
    public static Credentials signing(ClusterSecret secret, String user) {
        return new Credentials(new ClusterKeys(secret), user, null, System::currentTimeMillis, null);
    }

    public static Credentials bearer(String token) {
        return new Credentials(null, null, token, System::currentTimeMillis, null);
    }

    /** The same credentials, trusting {@code tls}'s CA on {@code https://} URLs (null: the JDK's default authorities). */
    public Credentials trusting(ClientTls tls) {
        return new Credentials(keys, user, token, clock, tls);
    }

    /** The credentials the settings, system properties and environment name; {@link #none()} when they name none. */
    public static Credentials find(Function<String, String> settings) throws CredentialsException {
        ClientTls tls = ClientTls.find(settings);
        Path file = secretFile(settings);
        if (file != null) return signing(ClusterSecret.load(file), localUser()).trusting(tls);
        String token = first(settings.apply(TOKEN_PROPERTY), System.getProperty(TOKEN_PROPERTY), System.getenv(TOKEN_ENV));
        if (token != null) return bearer(token.strip()).trusting(tls);
        return tls == null ? NONE : NONE.trusting(tls);
    }

    /** The secret file the settings, system properties or environment name, or null. */
    public static Path secretFile(Function<String, String> settings) {
        String f = first(settings.apply(ClusterSecret.PROPERTY), System.getProperty(ClusterSecret.PROPERTY), System.getenv(ClusterSecret.ENV));
        return f == null ? null : Path.of(f);
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }

    public static String localUser() {
        String u = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._@-]", "_");
        return u.isEmpty() ? "unknown" : u.substring(0, Math.min(64, u.length()));
    }

    /** Adds the headers that authenticate one request. {@code bodySha256}: the body's SHA-256 (hex), or null for none or a streamed one. */
    public void apply(BiConsumer<String, String> header, String method, String pathAndQuery, String bodySha256) {
        if (keys != null) {
            String digest = bodySha256 == null ? RequestSignature.UNSIGNED_BODY : bodySha256;
            header.accept(RequestSignature.CONTENT_SHA256, digest);
            header.accept("Authorization", keys.sign(method, pathAndQuery, user, digest, clock.getAsLong()));
        } else if (token != null) {
            header.accept("Authorization", "Bearer " + token);
        }
    }

    /** The keys, when these credentials hold the secret (a daemon minting capabilities for itself); else null. */
    public ClusterKeys keys() {
        return keys;
    }

    /** Whom these credentials trust on {@code https://} URLs, or null for the JDK's default authorities. */
    public ClientTls tls() {
        return tls;
    }

    /** Makes an {@code https://} connection trust the cluster's CA (when these credentials name one). */
    public void secure(java.net.URLConnection c) {
        if (tls != null) tls.secure(c);
    }

    /** The TLS context for {@code java.net.http.HttpClient}: the cluster's CA, else the JDK's default. */
    public javax.net.ssl.SSLContext sslContext() {
        if (tls != null) return tls.context();
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        }
    }


    /** The SHA-256 (hex) of a body about to be sent, for {@link #apply}. */
    public static String sha256(byte[] body) {
        return Hmac.sha256Hex(body, 0, body.length);
    }
}
