package dev.mr.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA and a server certificate signed by it for {@code 127.0.0.1} and {@code localhost},
 * made at test time with {@code openssl} by the very commands the README gives users (so the
 * recipe is tested too). {@code scripts/mr-test} installs openssl on a machine without it; a test that
 * needs certificates fails, rather than skips, when it is missing.
 *
 * @param ca   the CA's certificate (PEM): what clients trust ({@code MR_TLS_CA})
 * @param cert the server's certificate (PEM, {@code --tls-cert})
 * @param key  the server's private key (PEM, {@code --tls-key})
 * @param caKey the CA's private key (PEM), a key that does not belong to {@code cert}
 */
public record TestCertificates(Path ca, Path cert, Path key, Path caKey) {

    /** Makes a CA named {@code name} and a certificate it signs, in {@code dir}. */
    public static TestCertificates make(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", "ca.key", "-out", "ca.pem");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n", StandardCharsets.US_ASCII);
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "server.ext", "-out", "server.pem");
        return new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.key"));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run openssl to make test certificates (install it: apt-get install openssl): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
    }
}
