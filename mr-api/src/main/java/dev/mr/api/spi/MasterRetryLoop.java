package dev.mr.api.spi;

import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Decision;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.api.spi.MasterRetryPolicy.GiveUp;
import dev.mr.api.spi.MasterRetryPolicy.Retry;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Runs one call to the master to its answer, calling again while the master is unreachable as
 * the {@link MasterRetryPolicy} decides. Its {@link Observer} hears when the master became
 * unreachable (once per call, at the first failed try the call will retry), when it answered
 * again, and when the call gave up; the observer words what the user reads, so each client
 * speaks its user's language ({@code mr-submit} on stderr, the dfs client in its log).
 *
 * <p>The clock and the sleep are injected: tests run it on a manual clock with no real wait.
 * Thread-safe when its observer is: each call keeps its own {@link MasterOutage}.
 */
public final class MasterRetryLoop {

    /** The call itself. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    /** How an exception of the call failed to reach the master; null when it is an answer (a refusal) or cannot be helped by calling again. */
    @FunctionalInterface
    public interface Classifier {
        Failure of(IOException e);
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    /** Hears about one call's outage; {@code what} names the call ("follow job_0001", "rename /a to /b"). */
    public interface Observer {
        /** The first failed try of {@code what}, which will be tried again. */
        void unreachable(String what, IOException e);

        /** {@code what} was answered after the master had been unreachable for {@code downMs}. */
        void back(String what, long downMs);

        /** The exception that ends {@code what}, after {@code triedMs} of tries; {@code last} is the last failure. */
        IOException gaveUp(String what, GiveUp why, IOException last, long triedMs);
    }

    private final MasterRetryPolicy policy;
    private final LongSupplier clock;
    private final Sleeper sleeper;

    /** {@code clock}: milliseconds, monotonic (its origin does not matter). */
    public MasterRetryLoop(MasterRetryPolicy policy, LongSupplier clock, Sleeper sleeper) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A loop on the system's monotonic clock that really sleeps. */
    public static MasterRetryLoop system(MasterRetryPolicy policy) {
        return new MasterRetryLoop(policy, () -> System.nanoTime() / 1_000_000, Thread::sleep);
    }

    public MasterRetryPolicy policy() {
        return policy;
    }

    /** Runs {@code attempt} until it is answered, or throws what the observer makes of giving up, or an exception {@code classify} does not retry. */
    public <T> T call(Call kind, String what, Attempt<T> attempt, Classifier classify, Observer observer)
            throws IOException, InterruptedException {
        MasterOutage outage = new MasterOutage(policy);
        while (true) {
            T answer;
            try {
                answer = attempt.run();
            } catch (IOException e) {
                Failure failure = classify.of(e);
                if (failure == null) throw e;
                long now = clock.getAsLong();
                Decision d = outage.failed(kind, failure, now);
                if (d instanceof GiveUp g) throw observer.gaveUp(what, g, e, outage.lastedMs(now));
                if (outage.justBegan()) observer.unreachable(what, e);
                sleeper.sleep(((Retry) d).delayMs());
                continue;
            }
            long down = outage.ended(clock.getAsLong());
            if (down >= 0) observer.back(what, down);
            return answer;
        }
    }

    /**
     * A few words for a user on why {@code e} did not reach the master: "connection refused", "no
     * answer in time", "the connection closed without an answer" (a master killed mid-call), else its message.
     */
    public static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof ConnectException) return "connection refused";
            if (t instanceof EOFException || m.contains("header parser received no bytes") || m.contains("Unexpected end of file from server")) {
                return "the connection closed without an answer";
            }
            if (m.contains("Connection reset")) return "connection reset";
            if (t instanceof HttpConnectTimeoutException) return "no connection in time";
            if (t instanceof SocketTimeoutException && "connect timed out".equals(t.getMessage())) return "no connection in time";
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) return "no answer in time";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** {@code ms} for a user: "850 ms", "12.3 s", "15 min", "16 min 40 s". */
    public static String duration(long ms) {
        if (ms < 1000) return ms + " ms";
        if (ms < 60_000) return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        long s = ms / 1000;
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
}
