package dev.mr.security;

import java.util.Locale;

/**
 * Base URLs ({@code scheme://host:port}) in one place, so no code builds {@code "http://" + ...}
 * by hand. A daemon's scheme is {@link ClusterSecurity#scheme}; a client reaches a bare
 * {@code host:port} it learnt from the master (a chunk server) with the scheme of the master's
 * URL it was given: with TLS on, every hop is HTTPS. Stateless.
 */
public final class BaseUrl {

    private BaseUrl() {}

    /** {@code scheme://host:port}, an IPv6 literal in brackets. */
    public static String of(String scheme, String host, int port) {
        return scheme + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code scheme://hostPort}. */
    public static String of(String scheme, String hostPort) {
        return scheme + "://" + hostPort;
    }

    /** {@code https} for an {@code https://} URL, else {@code http}. */
    public static String schemeOf(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("https://") ? "https" : "http";
    }
}
