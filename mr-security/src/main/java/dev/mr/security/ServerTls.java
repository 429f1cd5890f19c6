package dev.mr.security;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;

/**
 * A daemon's own TLS identity, from {@code --tls-cert FILE --tls-key FILE} (PEM): its
 * certificate (then the chain, if the file holds one) and the matching private key, checked
 * when the daemon starts, so that a wrong file stops it with one line instead of failing each
 * handshake later: the files must parse, the key must belong to the certificate, and the
 * certificate must be valid now. Immutable and thread-safe.
 */
public final class ServerTls {

    public static final String CERT_FLAG = "--tls-cert";
    public static final String KEY_FLAG = "--tls-key";
    private static final char[] NO_PASSWORD = new char[0];

    private final KeyManagerFactory keyManagers;
    private final X509Certificate certificate;

    private ServerTls(KeyManagerFactory keyManagers, X509Certificate certificate) {
        this.keyManagers = keyManagers;
        this.certificate = certificate;
    }

    /** Loads and checks the pair; {@code nowMs}: the time the certificate must be valid at. */
    public static ServerTls load(Path certFile, Path keyFile, long nowMs) throws CredentialsException {
        List<X509Certificate> chain = Pem.certificates(certFile, CERT_FLAG);
        PrivateKey key = Pem.privateKey(keyFile, KEY_FLAG);
        X509Certificate leaf = chain.get(0);
        Date now = new Date(nowMs);
        if (now.after(leaf.getNotAfter())) {
            throw new CredentialsException("the certificate in " + certFile + " (" + CERT_FLAG + ") expired on " + leaf.getNotAfter().toInstant()
                    + ": make a new one");
        }
        if (now.before(leaf.getNotBefore())) {
            throw new CredentialsException("the certificate in " + certFile + " (" + CERT_FLAG + ") is not valid before "
                    + leaf.getNotBefore().toInstant() + ": check this machine's clock");
        }
        if (!belongTogether(key, leaf)) {
            throw new CredentialsException("the key in " + keyFile + " (" + KEY_FLAG + ") does not belong to the certificate in " + certFile
                    + " (" + CERT_FLAG + "): give the key the certificate was made for");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, NO_PASSWORD);
            return new ServerTls(kmf, leaf);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CredentialsException("cannot use " + certFile + " and " + keyFile + " for TLS: " + e.getMessage());
        }
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) return true; // no probe for this type: the first handshake will tell
        try {
            byte[] probe = "mr-tls-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The key managers a TLS server presents the certificate with. */
    public KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /** The daemon's own certificate (the first in its file). */
    public X509Certificate certificate() {
        return certificate;
    }
}
