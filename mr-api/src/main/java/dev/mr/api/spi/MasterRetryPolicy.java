package dev.mr.api.spi;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Random;
import javax.net.ssl.SSLException;

/**
 * Whether a client of the master calls again after a call failed to reach it, and after how
 * long: the one rule by which {@code mr-submit}, the workers' heartbeats and the dfs client ride
 * through a restart of the master.
 *
 * <ul>
 *   <li>A request that never left ({@link Failure#NOT_SENT}) or that the master turned away
 *       unread ({@link Failure#UNAVAILABLE}: its 503 while it starts or stops) goes again,
 *       whatever it asks for.
 *   <li>A request lost after it was sent ({@link Failure#LOST}) goes again only when it is
 *       {@link Call#REPEATABLE}. A {@link Call#ONCE} request may have been applied, and applying
 *       it twice could create a job twice or rename what is no longer there, so the caller gives
 *       up at once and tells its user what to check.
 *   <li>Tries back off exponentially ({@link Backoff}) with up to {@value #JITTER_PERCENT}%
 *       jitter either way, so that the workers of a cluster do not all knock in the same
 *       millisecond when the master comes back; they stop once the master has been unreachable
 *       for {@code maxMs}, and the last try falls on that bound.
 * </ul>
 *
 * <p>Pure: the time is an argument and the jitter comes from the random the caller injects
 * (seeded in tests; per process in daemons, so that they spread). Immutable, and thread-safe
 * as far as that random is ({@link Random} is).
 */
public final class MasterRetryPolicy {

    /**
     * Fifteen minutes. A restart by hand or by a supervisor takes seconds to a minute (a JVM's
     * start and a journal's replay); an upgrade, a host's reboot, a crash-looping supervisor's own
     * backoff or the replay of a large namespace take several. A job worth following is worth
     * that wait. Past it the master is more likely gone or moved than restarting and a person has
     * to look, so a script blocked in {@code mr-submit --wait} should fail rather than hang for
     * ever. YARN's clients wait as long for their resource manager
     * ({@code yarn.resourcemanager.connect.max-wait.ms}, 900000).
     */
    public static final long DEFAULT_MAX_MS = 15 * 60_000L;

    /**
     * 250 ms doubling to 5 s: the first tries catch a quick restart within a second, and a master
     * that stays down costs each client one connection attempt per 5 s.
     */
    public static final Backoff DEFAULT_BACKOFF = new Backoff(250, 5_000);

    static final int JITTER_PERCENT = 10;

    /** What the failed call asked of the master. */
    public enum Call {
        /** Safe to send again even if the first one was applied: a read, a heartbeat, a mkdirs. */
        REPEATABLE,
        /** Applying it twice differs from applying it once: a submission, create, rename, delete, a chunk's allocation or commit. */
        ONCE
    }

    /** How a call failed to reach the master. */
    public enum Failure {
        /** No connection: refused, or none in time. The request never left, so it may always go again. */
        NOT_SENT,
        /** The connection broke or fell silent after the request was sent: the master may have applied it. */
        LOST,
        /** The master answered 503: it is starting or stopping and did nothing with the request. */
        UNAVAILABLE
    }

    /** What to do after a failed call. */
    public sealed interface Decision permits Retry, GiveUp {}

    /** Call again after {@code delayMs}. */
    public record Retry(long delayMs) implements Decision {}

    /** Stop calling, for {@code reason}. */
    public record GiveUp(Reason reason) implements Decision {}

    public enum Reason {
        /** The master has been unreachable for the policy's {@code maxMs}. */
        TOO_LONG,
        /** A {@link Call#ONCE} request was lost after it was sent. */
        MAY_HAVE_BEEN_APPLIED
    }

    private final Backoff backoff;
    private final long maxMs;
    private final Random random;

    /** {@code maxMs}: how long the master may stay unreachable before a call gives up; 0 gives up at the first failure. */
    public MasterRetryPolicy(Backoff backoff, long maxMs, Random random) {
        if (maxMs < 0) throw new IllegalArgumentException(ConfKeys.CLIENT_RETRY_MAX_MS + " must be 0 or more, not " + maxMs);
        this.backoff = backoff;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** The clients' policy: {@link #DEFAULT_BACKOFF}, bounded by {@link ConfKeys#CLIENT_RETRY_MAX_MS} (default {@link #DEFAULT_MAX_MS}). */
    public static MasterRetryPolicy forClients(Configuration conf, Random random) {
        return new MasterRetryPolicy(DEFAULT_BACKOFF, conf.getLong(ConfKeys.CLIENT_RETRY_MAX_MS, DEFAULT_MAX_MS), random);
    }

    /**
     * A daemon's policy: {@code backoff}, and no bound. A worker has nothing better to do than wait
     * for its master, and it must be there, with what it holds, when the master comes back.
     */
    public static MasterRetryPolicy forDaemons(Backoff backoff, Random random) {
        return new MasterRetryPolicy(backoff, Long.MAX_VALUE, random);
    }

    public long maxMs() {
        return maxMs;
    }

    public boolean bounded() {
        return maxMs != Long.MAX_VALUE;
    }

    /**
     * What to do after the {@code failures}-th failed call in a row (1 for the first), the master
     * having been unreachable for {@code elapsedMs} since the first.
     */
    public Decision decide(Call call, Failure failure, int failures, long elapsedMs) {
        if (failure == Failure.LOST && call == Call.ONCE) return new GiveUp(Reason.MAY_HAVE_BEEN_APPLIED);
        if (elapsedMs >= maxMs) return new GiveUp(Reason.TOO_LONG);
        long base = backoff.delayAfter(Math.max(1, failures));
        long spread = base * JITTER_PERCENT / 100;
        long jittered = base - spread + (long) (random.nextDouble() * (2 * spread + 1));
        return new Retry(Math.max(1, Math.min(jittered, maxMs - elapsedMs)));
    }

    /**
     * How {@code e}, thrown by one of the JDK's HTTP clients calling the master, failed to reach
     * it: {@link Failure#NOT_SENT} when no connection was made, else {@link Failure#LOST}; null when
     * calling again cannot help (a TLS failure, a host name that does not resolve). A transport
     * that knows better (it connected explicitly first) may refine {@code LOST} to {@code NOT_SENT}.
     */
    public static Failure classify(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof UnknownHostException) return null;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException) {
                return Failure.NOT_SENT;
            }
        }
        return Failure.LOST;
    }
}
