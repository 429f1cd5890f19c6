package dev.mr.worker.runtime;

import dev.mr.security.BaseUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How others reach this worker, kept in one place. {@link #hostPort} names the worker's chunk
 * server (so it is what dfs-lite's {@code FileSystem.locations} and {@code InputSplit.hosts()}
 * report) and is therefore the locality key the worker registers with as {@code host};
 * {@link #hostNames} are the other names its machine goes by in split hosts (see
 * {@link MachineNames}), registered as {@code hostNames}; {@link #url} is the base URL of its HTTP
 * server (shuffle and chunk routes), registered as {@code address}, with the server's scheme
 * ({@code https} when the daemon serves TLS). Immutable.
 */
public record Advertised(String host, int port, String scheme, List<String> hostNames) {

    public Advertised {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("no host to advertise");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " out of range");
        if (!scheme.equals("http") && !scheme.equals("https")) throw new IllegalArgumentException("scheme " + scheme + " is not http or https");
        hostNames = List.copyOf(hostNames);
    }

    /** A worker known by its {@link #hostPort} alone. */
    public Advertised(String host, int port, String scheme) {
        this(host, port, scheme, List.of());
    }

    /** A worker serving plain HTTP. */
    public Advertised(String host, int port) {
        this(host, port, "http");
    }

    public String hostPort() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    public String url() {
        return BaseUrl.of(scheme, hostPort());
    }

    /** This machine's host name, as other machines should know it; {@code localhost} when it has none. */
    public static String defaultHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
