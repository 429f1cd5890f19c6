package dev.mr.security.cli;

import dev.mr.security.ClusterSecurity;
import dev.mr.security.CredentialsException;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The flags with which every daemon ({@code mr-master}, {@code mr-worker}, {@code mr-dfs serve})
 * says how it is secured, as a picocli mixin: the cluster secret, {@code --insecure}, and its
 * TLS identity and trust. {@link #load} turns them into the daemon's {@link ClusterSecurity}.
 */
public final class SecurityOptions {

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The cluster secret (mode 0600; default: MR_SECRET_FILE; the master's default is DIR/secret, made on its first start).")
    Path secretFile;

    @Option(names = "--insecure", description = "Check no credentials at all (warns everywhere): only on a trusted machine.")
    boolean insecure;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "This host's certificate (PEM, then its chain): serve HTTPS. Needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key (PEM, unencrypted PKCS#8, mode 0600).")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "The CA (PEM) whose certificates the daemons present (default: MR_TLS_CA).")
    Path tlsCa;

    /**
     * The daemon's security from these flags and its {@code -D} settings; {@code createIn}: where
     * the master makes the secret on its first start (null for the other daemons).
     */
    public ClusterSecurity load(Function<String, String> settings, Path createIn) throws CredentialsException {
        return ClusterSecurity.forDaemon(insecure, secretFile, settings, createIn).withTls(tlsCert, tlsKey, tlsCa, settings);
    }
}
