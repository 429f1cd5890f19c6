package dev.mr.worker.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How others reach this worker, kept in one place. {@link #hostPort} names the worker's chunk
 * server (so it is what {@code FileSystem.locations} and {@code InputSplit.hosts()} report) and
 * is therefore the locality key the worker registers with as {@code host}; {@link #url} is the
 * base URL of its HTTP server (shuffle and chunk routes), registered as {@code address}.
 * Immutable.
 */
public record Advertised(String host, int port) {

    public Advertised {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("no host to advertise");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " out of range");
    }

    public String hostPort() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    public String url() {
        return "http://" + hostPort();
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
