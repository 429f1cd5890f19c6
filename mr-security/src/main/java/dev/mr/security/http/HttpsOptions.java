package dev.mr.security.http;

import dev.mr.security.ClusterSecurity;
import dev.mr.security.ServerTls;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;

/**
 * The one place a daemon's servers turn TLS on: every server a daemon starts passes its options
 * through {@link #of}, so with {@code --tls-cert}/{@code --tls-key} all of them (API, web page,
 * dfs master, chunk servers, shuffle) speak HTTPS and none is left plain. Stateless.
 */
public final class HttpsOptions {

    private HttpsOptions() {}

    /** {@code base}, with TLS on and the daemon's certificate when {@code security} has one; else {@code base} unchanged. */
    public static HttpServerOptions of(ClusterSecurity security, HttpServerOptions base) {
        ServerTls tls = security.serverTls();
        if (tls == null) return base;
        return base.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(tls.keyManagers()));
    }
}
