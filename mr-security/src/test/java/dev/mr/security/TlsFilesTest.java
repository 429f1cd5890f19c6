package dev.mr.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon given a wrong TLS file must stop at start with one line that names the file, the
 * flag and what to do, not fail every handshake later with a stack trace; and the files the
 * README's openssl recipe makes must load.
 */
class TlsFilesTest {

    @TempDir
    static Path tmp;
    static TestCertificates certs;
    static long NOW;

    @BeforeAll
    static void make() throws Exception {
        certs = TestCertificates.make(tmp.resolve("certs"), "mr test CA");
        NOW = System.currentTimeMillis(); // after the certificates: they are valid from the second they were made
    }

    @Test
    void theReadmeRecipeGivesAUsableServerIdentityAndTrust() throws Exception {
        ServerTls server = ServerTls.load(certs.cert(), certs.key(), NOW);
        assertEquals("CN=localhost", server.certificate().getSubjectX500Principal().getName());
        assertNotNull(server.keyManagers().getKeyManagers()[0]);
        ClientTls client = ClientTls.trusting(certs.ca(), ClientTls.FLAG);
        assertEquals(certs.ca(), client.caFile());
        ClusterSecurity s = ClusterSecretExtension.security().withTls(certs.cert(), certs.key(), certs.ca(), k -> null);
        assertEquals("https", s.scheme());
        assertEquals(certs.ca(), s.credentials().tls().caFile());
    }

    @Test
    void aMalformedCertificateIsOneLineNamingTheFileAndFlag() throws Exception {
        Path bad = tmp.resolve("bad.pem");
        Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nTUlJQm9uc2Vuc2U=\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        String m = oneLine(assertThrows(CredentialsException.class, () -> ServerTls.load(bad, certs.key(), NOW)));
        assertTrue(m.contains(bad.toString()) && m.contains("--tls-cert") && m.contains("malformed"), m);
    }

    @Test
    void aFileWithoutPemIsRefusedAsSuch() throws Exception {
        Path der = tmp.resolve("binary.der");
        Files.write(der, new byte[] {0x30, (byte) 0x82, 0x01, (byte) 0xff, 0, 1, 2});
        String m = oneLine(assertThrows(CredentialsException.class, () -> ClientTls.trusting(der, ClientTls.FLAG)));
        assertTrue(m.contains(der.toString()) && m.contains("--tls-ca") && m.contains("no certificate"), m);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        String m = oneLine(assertThrows(CredentialsException.class, () -> ServerTls.load(certs.cert(), certs.caKey(), NOW)));
        assertTrue(m.contains("does not belong") && m.contains("--tls-key"), m);
    }

    @Test
    void aCertificateFileAsKeyIsRefused() {
        String m = oneLine(assertThrows(CredentialsException.class, () -> ServerTls.load(certs.cert(), certs.cert(), NOW)));
        assertTrue(m.contains("no private key") && m.contains("--tls-key"), m);
    }

    @Test
    void anExpiredCertificateIsRefusedAtStart() {
        long inAWeek = NOW + 7 * 86_400_000L;
        String m = oneLine(assertThrows(CredentialsException.class, () -> ServerTls.load(certs.cert(), certs.key(), inAWeek)));
        assertTrue(m.contains("expired"), m);
    }

    @Test
    void aMissingFileOrAHalfPairIsRefused() {
        Path none = tmp.resolve("nothing.pem");
        String m = oneLine(assertThrows(CredentialsException.class, () -> ServerTls.load(none, certs.key(), NOW)));
        assertTrue(m.contains(none.toString()) && m.contains("does not exist"), m);
        m = oneLine(assertThrows(CredentialsException.class,
                () -> ClusterSecretExtension.security().withTls(certs.cert(), null, null, k -> null)));
        assertTrue(m.contains("go together"), m);
    }

    @Test
    void anUntrustedServerIsExplainedInOneLine() {
        Exception e = new javax.net.ssl.SSLHandshakeException("PKIX path building failed: unable to find valid certification path");
        assertEquals("cannot reach https://h:1/x: the server's certificate is not trusted; give the cluster's CA with MR_TLS_CA or --tls-ca",
                TlsFailure.explain("https://h:1/x", e));
        assertEquals(null, TlsFailure.explain("http://h:1/x", new java.net.ConnectException("Connection refused")));
    }

    private static String oneLine(Exception e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }
}
