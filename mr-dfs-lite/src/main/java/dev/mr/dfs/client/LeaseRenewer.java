package dev.mr.dfs.client;

import dev.mr.dfs.protocol.RenewRequest;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a client's leases alive while it has files open for writing, so a writer that is slow
 * between chunks keeps its file, and a writer that dies loses it after one lease period.
 * Runs one daemon thread while writers are open. Thread-safe.
 */
final class LeaseRenewer {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRenewer.class);

    private final DfsClient client;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> task;
    private int open;

    LeaseRenewer(DfsClient client) {
        this.client = client;
    }

    synchronized void writerOpened(long leaseMs) {
        if (open++ > 0) return;
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dfs-lease-" + client.name());
                t.setDaemon(true);
                return t;
            });
        }
        long period = Math.max(10, leaseMs / 3);
        task = timer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    synchronized void writerClosed() {
        if (open == 0 || --open > 0) return;
        if (task != null) task.cancel(false);
        task = null;
    }

    private void renew() {
        try {
            client.http().postJson(client.masterUrl("renew"), new RenewRequest(client.name()), Void.class);
        } catch (IOException e) {
            LOG.warn("could not renew the write lease of {}: {}", client.name(), e.getMessage());
        }
    }

    synchronized void close() {
        if (timer != null) timer.shutdownNow();
        timer = null;
        open = 0;
    }
}
