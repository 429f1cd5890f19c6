package dev.mr.dfs.client;

import dev.mr.security.http.AuthHandler;
import com.fasterxml.jackson.databind.JavaType;
import dev.mr.dfs.Problem;
import dev.mr.dfs.protocol.ErrorReply;
import dev.mr.dfs.protocol.WireJson;
import dev.mr.security.Capability;
import dev.mr.security.BaseUrl;
import dev.mr.security.Credentials;
import dev.mr.security.TlsFailure;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.api.spi.Unreachable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Blocking HTTP for the store's clients: JSON calls, streamed reads and streamed uploads.
 * Built on {@link HttpURLConnection}, which keeps connections alive between calls and gives
 * plain streams, so a writer can push a chunk without holding it in memory. A reply of 400 or
 * above becomes a {@link RemoteStoreException} carrying the server's message; a connection
 * failure an {@link IOException} naming the URL. Every request is authenticated: with the
 * capability the caller passes for a chunk, else with the transport's {@link Credentials}, which
 * also say whom to trust on {@code https://} URLs. A chunk server's bare {@code host:port} is
 * reached with the transport's scheme ({@link #chunkUrl}), the scheme of the master's URL. A
 * TLS failure is one line that says what is wrong ({@link TlsFailure}).
 *
 * <p>A JSON call connects before it sends anything, so that a failure to reach the server is an
 * {@link Unreachable} that knows whether the request left ({@link Failure#NOT_SENT}) or may have
 * been received ({@link Failure#LOST}); the dfs client decides on that whether calling again is
 * safe ({@link #failureOf}). One try per call: this class never retries.
 *
 * <p>Thread-safe; each call uses its own connection.
 */
public final class HttpTransport {

    private final int timeoutMs;
    private final Credentials credentials;
    private final String scheme;
    /** True once a server answered over this transport: its scheme is right, so a connection closed unanswered is no TLS mismatch. */
    private volatile boolean answered;

    /** {@code scheme}: {@code http} or {@code https}, how chunk servers are reached (the scheme of the master's URL). */
    public HttpTransport(long timeoutMs, Credentials credentials, String scheme) {
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeoutMs);
        this.credentials = credentials;
        this.scheme = scheme;
    }

    /** The URL of {@code chunk} on the chunk server at {@code hostPort}. */
    public String chunkUrl(String hostPort, String chunk) {
        return BaseUrl.of(scheme, hostPort) + "/dfs/v1/chunks/" + chunk;
    }

    /** How {@code e}, thrown by a JSON call, failed to reach the server (its 503 counts); null when it is an answer or cannot be helped. */
    public static Failure failureOf(IOException e) {
        if (e instanceof Unreachable u) return u.failure;
        if (e instanceof RemoteStoreException r && r.status() == 503) return Failure.UNAVAILABLE;
        return null;
    }

    public <T> T getJson(String url, Class<T> type) throws IOException {
        HttpURLConnection c = open(url, "GET", null, null);
        connect(c, url);
        return readJson(c, url, WireJson.MAPPER.constructType(type));
    }

    public <T> T postJson(String url, Object body, Class<T> type) throws IOException {
        byte[] bytes = WireJson.MAPPER.writeValueAsBytes(body);
        HttpURLConnection c = open(url, "POST", null, Credentials.sha256(bytes));
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(bytes.length); // which also keeps the JDK from resending it on its own
        c.setRequestProperty("Content-Type", "application/json");
        connect(c, url);
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        } catch (IOException e) {
            throw unreachable(url, e);
        }
        return type == Void.class ? discard(c, url) : readJson(c, url, WireJson.MAPPER.constructType(type));
    }

    /** Opens the connection before anything is written: a failure here means the request never left. */
    private void connect(HttpURLConnection c, String url) throws IOException {
        try {
            c.connect();
        } catch (IOException e) {
            throw unreachable(url, e, false);
        }
    }

    private <T> T discard(HttpURLConnection c, String url) throws IOException {
        try (InputStream in = body(c, url)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return null;
    }

    private <T> T readJson(HttpURLConnection c, String url, JavaType type) throws IOException {
        try (InputStream in = body(c, url)) {
            return WireJson.MAPPER.readValue(in, type);
        }
    }

    /**
     * The body of a GET; the caller must close it (which returns the connection to the pool).
     * {@code capability}: the token that grants this read (a chunk's), or null to use the credentials.
     */
    public InputStream get(String url, String capability) throws IOException {
        return body(open(url, "GET", capability, null), url);
    }

    public byte[] getBytes(String url, String capability) throws IOException {
        try (InputStream in = get(url, capability)) {
            return in.readAllBytes();
        }
    }

    /** Starts a streamed PUT; write the body to {@link Upload#body()}, then call {@link Upload#finish}. */
    public Upload put(String url, int chunkLength, String capability) throws IOException {
        return put(url, chunkLength, -1, capability);
    }

    /**
     * Like {@link #put(String, int)}; when {@code length} is not negative the body is sent with
     * that {@code Content-Length} instead of in HTTP chunks, and goes to the socket without being
     * copied into chunk frames first. The caller must then write exactly {@code length} bytes.
     */
    public Upload put(String url, int chunkLength, long length, String capability) throws IOException {
        HttpURLConnection c = open(url, "PUT", capability, null);
        c.setDoOutput(true);
        if (length >= 0) c.setFixedLengthStreamingMode(length);
        else c.setChunkedStreamingMode(chunkLength);
        c.setRequestProperty("Content-Type", "application/octet-stream");
        try {
            return new Upload(c, url, c.getOutputStream());
        } catch (IOException e) {
            throw unreachable(url, e);
        }
    }

    /** A streamed upload in progress. Confined to one thread. */
    public final class Upload {
        private final HttpURLConnection c;
        private final String url;
        private final OutputStream body;

        Upload(HttpURLConnection c, String url, OutputStream body) {
            this.c = c;
            this.url = url;
            this.body = body;
        }

        public OutputStream body() {
            return body;
        }

        /** Ends the body and reads the JSON reply; a server error explains a failed write too. */
        public <T> T finish(Class<T> type) throws IOException {
            try {
                body.close();
            } catch (IOException e) {
                throw errorOr(e);
            }
            return readJson(c, url, WireJson.MAPPER.constructType(type));
        }

        /** The server's refusal, if it sent one, else {@code e} (the connection broke). */
        public IOException errorOr(IOException e) {
            try {
                int status = c.getResponseCode();
                if (status >= 400) return error(c, url, status);
            } catch (IOException ignored) {
                // no reply: the connection itself failed
            }
            return unreachable(url, e);
        }

        public void abort() {
            c.disconnect();
        }
    }

    private HttpURLConnection open(String url, String method, String capability, String bodySha256) throws IOException {
        HttpURLConnection c;
        URI uri;
        try {
            uri = URI.create(url);
            c = (HttpURLConnection) uri.toURL().openConnection();
            credentials.secure(c);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad URL " + url + ": " + e.getMessage(), e);
        }
        c.setRequestMethod(method);
        if (capability != null) c.setRequestProperty(Capability.HEADER, capability);
        else credentials.apply(c::setRequestProperty, method, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), bodySha256);
        c.setConnectTimeout(timeoutMs);
        c.setReadTimeout(timeoutMs);
        c.setUseCaches(false);
        return c;
    }

    /** Says once per process, on stderr, that the cluster checks no credentials (it marks its answers so). */
    private static void warnIfInsecure(HttpURLConnection c, String url) {
        if (!warnedInsecure && c.getHeaderField(AuthHandler.INSECURE_HEADER) != null) {
            warnedInsecure = true;
            System.err.println("WARNING: " + URI.create(url).getAuthority() + " runs with --insecure: anybody who can reach it can read and delete its data");
        }
    }

    private static volatile boolean warnedInsecure;

    private InputStream body(HttpURLConnection c, String url) throws IOException {
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            throw unreachable(url, e);
        }
        answered = true;
        if (status >= 400) throw error(c, url, status);
        warnIfInsecure(c, url);
        InputStream in = c.getInputStream();
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new IOException("reading " + url + " failed: " + e.getMessage(), e);
                }
            }
        };
    }

    private static RemoteStoreException error(HttpURLConnection c, String url, int status) {
        String message = null;
        Problem problem = null;
        try (InputStream err = c.getErrorStream()) {
            if (err != null) {
                byte[] bytes = err.readNBytes(64 << 10);
                try {
                    ErrorReply e = WireJson.MAPPER.readValue(bytes, ErrorReply.class);
                    message = e.message();
                    problem = Problem.ofCode(e.error());
                } catch (IOException notJson) {
                    message = new String(bytes, StandardCharsets.UTF_8).strip();
                }
            }
        } catch (IOException ignored) {
            // keep the status alone
        }
        if (message == null || message.isEmpty()) message = "HTTP " + status + " from " + url;
        return new RemoteStoreException(status, problem, message);
    }

    private IOException unreachable(String url, IOException e) {
        return unreachable(url, e, true);
    }

    /** {@code sent}: whether the request may have left (false only when the connection itself failed). */
    private IOException unreachable(String url, IOException e, boolean sent) {
        if (e instanceof RemoteStoreException) return e;
        Failure failure = MasterRetryPolicy.classify(e);
        // a certificate is not mended by calling again; a connection closed unanswered is a TLS server
        // reached over http:// only until a server has answered: after that it is a server that died mid-call
        String tls = failure != null && answered ? null : TlsFailure.explain(url, e);
        String message = tls != null ? tls : "cannot reach " + url + ": " + e;
        if (failure == null) return new IOException(message, e);
        // the JDK may itself resend a GET over a fresh connection, and that one be refused: refused is never sent
        return new Unreachable(sent ? failure : Failure.NOT_SENT, message, e);
    }
}
