package dev.mr.dfs.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A daemon started with a malformed certificate must stop before it listens, with one line on
 * stderr that names the file and the flag, and a non-zero exit status: {@code mr-dfs serve}
 * here, which checks its TLS files as the master and the workers do ({@code ClusterSecurity.withTls}).
 */
class DfsServerTlsStartTest {

    @TempDir
    Path tmp;

    @Test
    void aMalformedCertificateStopsTheStartWithOneLine() throws Exception {
        Path cert = Files.writeString(tmp.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(tmp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new DfsServerMain()).execute("--dir", tmp.resolve("d").toString(), "--tls-cert", cert.toString(),
                    "--tls-key", key.toString());
        } finally {
            System.setErr(before);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(2, code, text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("mr-dfs serve: the file " + cert + " (--tls-cert): certificate 1 is malformed"), text);
    }
}
