package dev.mr.dfs.client;

import dev.mr.api.ConfKeys;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Failure;
import dev.mr.api.spi.MasterRetryPolicy.GiveUp;
import dev.mr.api.spi.MasterRetryPolicy.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dfs client's calls to the dfs master, which lives in the master process and so goes away
 * while it restarts. Each call runs in a {@link MasterRetryLoop}, as what it is:
 *
 * <ul>
 *   <li>{@link #read} (status, list, layout, fsck, health; and mkdirs, which is the same done twice):
 *       goes again after any failure to reach the master, the answer lost included;
 *   <li>{@link #write} (create, delete, rename, a chunk's allocation and commit, close): goes
 *       again only when it cannot have been received (refused, or the master's 503); when the
 *       connection broke after it was sent it may have been applied, so it fails at once with an
 *       error naming the call and its paths.
 * </ul>
 *
 * Both give up once the master has been unreachable for {@code mr.client.retry.max.ms}. The log
 * says once per outage, for all the client's threads together, that the master is unreachable,
 * and once that it is back. Chunk reads and writes do not come here: they go to chunk servers,
 * with replica failover of their own.
 *
 * <p>Thread-safe: the client's threads share it.
 */
final class MasterCalls implements MasterRetryLoop.Observer {

    private static final Logger LOG = LoggerFactory.getLogger(MasterCalls.class);

    /** The call itself, one try. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    private final String master;
    private final MasterRetryLoop loop;
    private final AtomicBoolean down = new AtomicBoolean();

    MasterCalls(String master, MasterRetryLoop loop) {
        this.master = master;
        this.loop = loop;
    }

    /** A call that is harmless to repeat: it goes again after any failure to reach the master. {@code what} names it ("status dfs:/a"). */
    <T> T read(String what, Attempt<T> call) throws IOException {
        return run(Call.REPEATABLE, what, call);
    }

    /** A call that may not be applied twice: it goes again only when the master cannot have received it. */
    <T> T write(String what, Attempt<T> call) throws IOException {
        return run(Call.ONCE, what, call);
    }

    private <T> T run(Call kind, String what, Attempt<T> call) throws IOException {
        try {
            return loop.call(kind, what, call::run, HttpTransport::failureOf, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException(what + ": interrupted while waiting for the dfs master " + master);
            ie.initCause(e);
            throw ie;
        }
    }

    @Override
    public void unreachable(String what, IOException e) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("dfs master {} is {} ({}); {} and the calls after it go again until it is back ({}={})", master,
                    HttpTransport.failureOf(e) == Failure.UNAVAILABLE ? "unavailable" : "unreachable", MasterRetryLoop.reason(e), what,
                    ConfKeys.CLIENT_RETRY_MAX_MS, loop.policy().maxMs());
        }
    }

    @Override
    public void back(String what, long downMs) {
        if (down.compareAndSet(true, false)) LOG.info("dfs master {} is back after {}", master, MasterRetryLoop.duration(downMs));
    }

    @Override
    public IOException gaveUp(String what, GiveUp why, IOException last, long triedMs) {
        if (why.reason() == Reason.MAY_HAVE_BEEN_APPLIED) {
            return new IOException(what + ": the connection to the dfs master " + master + " broke after the request was sent ("
                    + MasterRetryLoop.reason(last) + "), so it may or may not have been applied; look at the path (mr-dfs ls) before doing it again",
                    last);
        }
        if (loop.policy().maxMs() == 0) return last; // told not to wait: the failure as it is
        return new IOException(what + ": the dfs master " + master + " stayed unreachable for " + MasterRetryLoop.duration(triedMs) + " ("
                + ConfKeys.CLIENT_RETRY_MAX_MS + "=" + loop.policy().maxMs() + "): " + MasterRetryLoop.reason(last), last);
    }
}
