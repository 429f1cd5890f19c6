package dev.mr.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files as {@code openssl} writes them: X.509 certificates and unencrypted PKCS#8
 * private keys ({@code -----BEGIN PRIVATE KEY-----}, RSA, EC or EdDSA). Every failure is one
 * {@link CredentialsException} line that names the file, the flag it came from and what to do.
 * Stateless.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"};

    private Pem() {}

    /** The certificates in {@code file}, in order (a server's own first, then the chain); at least one. */
    static List<X509Certificate> certificates(Path file, String flag) throws CredentialsException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(file, flag, "CERTIFICATE")) {
                try {
                    out.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der)));
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new CredentialsException(where(file, flag) + ": certificate " + (out.size() + 1) + " is malformed ("
                            + e.getMessage() + "); give a PEM certificate as openssl writes it");
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("this JVM cannot read X.509 certificates: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new CredentialsException(where(file, flag) + " holds no certificate: give a PEM file with a -----BEGIN CERTIFICATE----- block");
        }
        return out;
    }

    /** The one private key in {@code file}. */
    static PrivateKey privateKey(Path file, String flag) throws CredentialsException {
        String text = read(file, flag);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new CredentialsException(where(file, flag) + " is encrypted: give an unencrypted key (mode 0600), e.g. openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out key.pem");
        }
        if (text.matches("(?s).*-----BEGIN (RSA|EC) PRIVATE KEY-----.*")) {
            throw new CredentialsException(where(file, flag) + " is an old-style (PKCS#1/SEC1) key: convert it with openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out key.pem");
        }
        List<byte[]> keys = blocks(text, file, flag, "PRIVATE KEY");
        if (keys.size() != 1) {
            throw new CredentialsException(where(file, flag) + (keys.isEmpty() ? " holds no private key" : " holds " + keys.size() + " private keys")
                    + ": give one PEM key with a -----BEGIN PRIVATE KEY----- block");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // try the next algorithm
            }
        }
        throw new CredentialsException(where(file, flag) + ": the private key is malformed or of an unknown type (RSA, EC and Ed25519 keys work)");
    }

    private static List<byte[]> blocks(Path file, String flag, String type) throws CredentialsException {
        return blocks(read(file, flag), file, flag, type);
    }

    private static List<byte[]> blocks(String text, Path file, String flag, String type) throws CredentialsException {
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(type)) continue;
            try {
                out.add(Base64.getMimeDecoder().decode(m.group(2).strip()));
            } catch (IllegalArgumentException e) {
                throw new CredentialsException(where(file, flag) + ": a " + type + " block is not valid base64 (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static String read(Path file, String flag) throws CredentialsException {
        try {
            // ISO-8859-1 decodes any bytes: a binary (DER) file reads as text without PEM blocks, and is refused as such
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new CredentialsException(where(file, flag) + " does not exist");
        } catch (AccessDeniedException e) {
            throw new CredentialsException(where(file, flag) + " cannot be read by this user");
        } catch (IOException e) {
            throw new CredentialsException(where(file, flag) + " cannot be read: " + e.getMessage());
        }
    }

    static String where(Path file, String flag) {
        return "the file " + file + " (" + flag + ")";
    }
}
