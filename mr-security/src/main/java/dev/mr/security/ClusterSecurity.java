package dev.mr.security;

import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a daemon holds to guard its servers and to call the others: the cluster's keys (or none,
 * on a cluster started with {@code --insecure}), its own outgoing {@link Credentials}, its TLS
 * identity when it serves HTTPS ({@link #withTls}: then every server it runs is HTTPS and it
 * advertises {@code https://} URLs), and the clock. {@link #gate} builds the check for one
 * server's access table; {@link #grant} mints capabilities. Immutable and thread-safe.
 */
public final class ClusterSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecurity.class);
    /** How long a capability lasts: as HDFS block tokens, long enough for a task, short enough to expire on its own. */
    public static final long CAPABILITY_TTL_MS = 10 * 3600_000L;
    public static final String INSECURE_WARNING = "INSECURE: this cluster was started with --insecure: anybody who can reach its ports "
            + "can run code on its workers and read or delete its data";

    private final ClusterKeys keys;
    private final Credentials credentials;
    private final LongSupplier clock;
    private final Path secretFile;
    private final ServerTls serverTls;

    private ClusterSecurity(ClusterKeys keys, Credentials credentials, LongSupplier clock, Path secretFile, ServerTls serverTls) {
        this.keys = keys;
        this.credentials = credentials;
        this.clock = clock;
        this.secretFile = secretFile;
        this.serverTls = serverTls;
    }

    public static ClusterSecurity secure(ClusterSecret secret) {
        return new ClusterSecurity(new ClusterKeys(secret), Credentials.signing(secret, "mr"), System::currentTimeMillis, secret.file(), null);
    }

    /**
     * The same, serving HTTPS with {@code cert} and {@code key} (PEM; both null: plain HTTP) and
     * trusting, on its own calls, the CA in {@code ca}, else the one the settings, system
     * properties or environment name ({@link ClientTls#find}), else the JDK's default authorities.
     * A file that is missing, malformed or does not match is a one-line {@link CredentialsException}.
     */
    public ClusterSecurity withTls(Path cert, Path key, Path ca, java.util.function.Function<String, String> settings)
            throws CredentialsException {
        if ((cert == null) != (key == null)) {
            throw new CredentialsException(ServerTls.CERT_FLAG + " and " + ServerTls.KEY_FLAG + " go together: give both files (PEM) to serve HTTPS, or neither");
        }
        ServerTls server = cert == null ? null : ServerTls.load(cert, key, clock.getAsLong());
        ClientTls trust = ca != null ? ClientTls.trusting(ca, ClientTls.FLAG) : ClientTls.find(settings);
        return new ClusterSecurity(keys, credentials.trusting(trust), clock, secretFile, server);
    }

    /** The daemon's TLS identity, or null when its servers speak plain HTTP. */
    public ServerTls serverTls() {
        return serverTls;
    }

    /** {@code https} when the daemon's servers speak TLS, else {@code http}: the scheme of the URLs it advertises. */
    public String scheme() {
        return serverTls == null ? "http" : "https";
    }

    /**
     * Lets the clients this process opens without being handed credentials (its tasks, its own
     * {@code dfs:} file systems) find the daemon's secret and CA, through the system properties
     * {@value ClusterSecret#PROPERTY} and {@value ClientTls#PROPERTY}.
     */
    public void shareWithThisProcess() {
        if (secretFile != null) System.setProperty(ClusterSecret.PROPERTY, secretFile.toString());
        if (credentials.tls() != null) System.setProperty(ClientTls.PROPERTY, credentials.tls().caFile().toString());
    }

    /** The file the secret came from (null on an insecure cluster): tasks of this daemon read it as their clients' credentials. */
    public Path secretFile() {
        return secretFile;
    }

    /** No checks at all; warns once in the log. For a trusted laptop only. */
    public static ClusterSecurity insecure() {
        LOG.warn(INSECURE_WARNING);
        return new ClusterSecurity(null, Credentials.none(), System::currentTimeMillis, null, null);
    }

    /**
     * A daemon's security from its flags: none with {@code insecure}; else the secret in
     * {@code secretFile} (the flag), else the one the settings, system properties or environment
     * name, else (when {@code createIn} is not null: the master) {@code createIn}, created on first start.
     */
    public static ClusterSecurity forDaemon(boolean insecure, Path secretFile, java.util.function.Function<String, String> settings,
                                            Path createIn) throws CredentialsException {
        if (insecure) return insecure();
        Path file = secretFile != null ? secretFile : Credentials.secretFile(settings);
        if (file != null) return secure(ClusterSecret.load(file));
        if (createIn != null) return secure(ClusterSecret.loadOrCreate(createIn));
        throw new CredentialsException("no cluster secret: give the master's secret file with --secret-file FILE or " + ClusterSecret.ENV
                + "=FILE (the master keeps it in its DIR/secret), or start every daemon with --insecure on a trusted machine");
    }

    public boolean isInsecure() {
        return keys == null;
    }

    /** The check for one server, or null on an insecure cluster. */
    public Gate gate(AccessRules rules) {
        return keys == null ? null : new Gate(keys, rules, Gate.DEFAULT_WINDOW_MS);
    }

    /** How this daemon authenticates its own calls to the others. */
    public Credentials credentials() {
        return credentials;
    }

    /** A capability for {@code kind} on {@code resource} from now; null on an insecure cluster (nothing checks it). */
    public String grant(Capability.Kind kind, String resource) {
        return keys == null ? null : keys.mint(new Capability(kind, resource, clock.getAsLong() + CAPABILITY_TTL_MS));
    }

    public long now() {
        return clock.getAsLong();
    }
}
