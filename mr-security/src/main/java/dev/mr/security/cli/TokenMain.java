package dev.mr.security.cli;

import dev.mr.security.ClusterKeys;
import dev.mr.security.ClusterSecret;
import dev.mr.security.Credentials;
import dev.mr.security.CredentialsException;
import dev.mr.security.UserToken;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mr-token [--user NAME] [--ttl DURATION] [--admin] [--url]}: prints a bearer token for
 * a person or a tool, signed with the cluster secret ({@code --secret-file}, else
 * {@code MR_SECRET_FILE}). With {@code --url}, the web page's login link instead:
 * {@code MR_MASTER/?token=TOKEN}. Anybody who holds the secret can make tokens; a token does
 * not reveal the secret.
 */
@Command(name = "mr-token", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a bearer token for the cluster's API and web page, signed with the cluster secret.",
                "Use it as: curl -H \"Authorization: Bearer $(scripts/mr-token)\" $MR_MASTER/api/v1/jobs"})
public final class TokenMain implements Callable<Integer> {

    @Option(names = "--user", paramLabel = "NAME", description = "Who the token names: a job's owner, the audit log's user (default: $USER).")
    String user = Credentials.localUser();

    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long it lasts: 90s, 30m, 12h, 7d (default: 12h).")
    String ttl = "12h";

    @Option(names = "--admin", description = "May kill anybody's job.")
    boolean admin;

    @Option(names = "--url", description = "Print the web page's login link (MR_MASTER/?token=...) instead of the token.")
    boolean url;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "The cluster secret (default: $MR_SECRET_FILE).")
    Path secretFile;

    @Option(names = "--master", paramLabel = "URL", description = "The master, for --url (default: $MR_MASTER).")
    String master;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenMain()).execute(args));
    }

    @Override
    public Integer call() {
        try {
            Path file = secretFile != null ? secretFile : Credentials.secretFile(k -> null);
            if (file == null) {
                throw new CredentialsException("no cluster secret: give --secret-file FILE or set " + ClusterSecret.ENV
                        + " (scripts/mr-cluster start prints the line to paste)");
            }
            UserToken t = new UserToken(user, admin, System.currentTimeMillis() + parseTtl(ttl));
            String token = new ClusterKeys(ClusterSecret.load(file)).mint(t);
            if (!url) {
                System.out.println(token);
                return 0;
            }
            String m = master != null ? master : System.getenv("MR_MASTER");
            if (m == null || m.isBlank()) throw new IllegalArgumentException("--url needs the master: give --master URL or set MR_MASTER");
            System.out.println(m.replaceAll("/+$", "") + "/?token=" + token);
            return 0;
        } catch (CredentialsException | IllegalArgumentException e) {
            System.err.println("mr-token: " + e.getMessage());
            return 2;
        }
    }

    /** "90s", "30m", "12h", "7d" in milliseconds. */
    static long parseTtl(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.length() >= 2) {
            long unit = switch (t.charAt(t.length() - 1)) {
                case 's' -> 1000L;
                case 'm' -> 60_000L;
                case 'h' -> 3600_000L;
                case 'd' -> 86_400_000L;
                default -> -1;
            };
            try {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                if (unit > 0 && n > 0 && n <= 366L * 86_400_000L / unit) return n * unit;
            } catch (NumberFormatException ignored) {
                // falls through to the message
            }
        }
        throw new IllegalArgumentException("--ttl " + text + " is not a duration: give a positive number with s, m, h or d (e.g. 12h), at most a year");
    }
}
