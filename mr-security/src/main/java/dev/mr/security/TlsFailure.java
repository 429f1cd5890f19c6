package dev.mr.security;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed TLS connection into the one line a user can act on (the server is not
 * trusted, names another host, does not speak TLS...) instead of the JDK's exception chain.
 * Every client's error path asks {@link #explain} before its own wording. Stateless.
 */
public final class TlsFailure {

    private TlsFailure() {}

    /** The line that explains why {@code url} could not be reached, or null when {@code e} is not about TLS. */
    public static String explain(String url, Throwable e) {
        String why = reason(url, e);
        return why == null ? null : "cannot reach " + url + ": " + why;
    }

    /** {@code e} itself, or a new exception with {@link #explain}'s line when it is about TLS. */
    public static IOException explained(String url, IOException e) {
        String line = explain(url, e);
        return line == null ? e : new IOException(line, e);
    }

    private static String reason(String url, Throwable e) {
        boolean tls = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof CertificateExpiredException || m.contains("validity check failed") || m.contains("certificate_expired")) {
                return "the server's certificate has expired: the cluster needs a new one";
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException || m.contains("PKIX path")
                    || m.contains("certificate_unknown") || m.contains("unable to find valid certification path")) {
                return "the server's certificate is not trusted; give the cluster's CA with " + ClientTls.ENV + " or " + ClientTls.FLAG;
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "the server's certificate does not name the host in this URL (" + m
                        + "); make it with a subjectAltName for the host or address clients use";
            }
            if (m.contains("Unsupported or unrecognized SSL message")) {
                return "the server does not speak TLS: use http:// for it";
            }
            if (t instanceof SSLException) tls = true;
        }
        if (tls) return "the TLS handshake failed (" + e.getMessage() + ")";
        String m = String.valueOf(e.getMessage());
        if (url.startsWith("http://") && (m.contains("Unexpected end of file from server") || m.contains("header parser received no bytes"))) {
            return "the server closed the connection without answering; if the cluster runs with TLS, use https://";
        }
        return null;
    }
}
