package dev.mr.security;

import java.net.URLConnection;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom a client trusts on {@code https://} URLs: the certificate authorities in one PEM file,
 * the cluster's CA ({@code --tls-ca FILE}, the setting or system property {@value #PROPERTY},
 * the environment variable {@value #ENV}), and nobody else. It holds one {@link SSLContext} and
 * one socket factory for the life of the process: the JDK pools keep-alive HTTPS connections
 * per socket factory, so reusing the same one keeps connections (and TLS sessions) reused.
 * Plain {@code http://} connections are left alone. Immutable and thread-safe.
 */
public final class ClientTls {

    public static final String ENV = "MR_TLS_CA";
    public static final String PROPERTY = "mr.tls.ca";
    public static final String FLAG = "--tls-ca";

    private final Path caFile;
    private final SSLContext context;
    private final SSLSocketFactory sockets;

    private ClientTls(Path caFile, SSLContext context) {
        this.caFile = caFile;
        this.context = context;
        this.sockets = context.getSocketFactory();
    }

    /** Trusts the certificates in {@code caFile}; {@code source} names where the file was given (for the error line). */
    public static ClientTls trusting(Path caFile, String source) throws CredentialsException {
        List<X509Certificate> cas = Pem.certificates(caFile, source);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) store.setCertificateEntry("ca-" + i, cas.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return new ClientTls(caFile, context);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CredentialsException("cannot trust " + Pem.where(caFile, source) + ": " + e.getMessage());
        }
    }

    /** The CA the settings, system properties or environment name (first found wins), or null when none does. */
    public static ClientTls find(Function<String, String> settings) throws CredentialsException {
        String s = settings.apply(PROPERTY);
        if (s != null && !s.isBlank()) return trusting(Path.of(s.strip()), FLAG + ", " + ENV + " or " + PROPERTY);
        s = System.getProperty(PROPERTY);
        if (s != null && !s.isBlank()) return trusting(Path.of(s.strip()), PROPERTY);
        s = System.getenv(ENV);
        if (s != null && !s.isBlank()) return trusting(Path.of(s.strip()), ENV);
        return null;
    }

    public Path caFile() {
        return caFile;
    }

    /** For {@code java.net.http.HttpClient.Builder.sslContext}. */
    public SSLContext context() {
        return context;
    }

    /** Makes an {@code https://} connection trust the CA; leaves any other connection as it is. */
    public void secure(URLConnection c) {
        if (c instanceof HttpsURLConnection https) https.setSSLSocketFactory(sockets);
    }
}
