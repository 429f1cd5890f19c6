package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.chunkmap.Replica;
import dev.mr.dfs.client.HttpTransport;
import dev.mr.dfs.protocol.HeartbeatReply;
import dev.mr.dfs.protocol.HeartbeatRequest;
import dev.mr.dfs.protocol.ReplicaReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends one chunk server's heartbeats to the master: its address, free space, and the
 * replicas added, removed or found corrupt since the last one; a full report of every replica
 * at start, when the master asks, and every report interval. Changes that could not be
 * delivered are kept for the next heartbeat, and a failed full report is sent again.
 *
 * <p>Blocking; one heartbeat at a time (the caller serialises them).
 */
public final class Heartbeater {

    /** The master as a heartbeat reaches it: over HTTP ({@link #over}), or a fake in tests. */
    public interface Master {
        /** Delivers {@code request}; throws when it may not have arrived. */
        HeartbeatReply heartbeat(HeartbeatRequest request) throws IOException;
    }

    private final ChunkStore store;
    private final Master master;
    private final String address;
    private final long reportIntervalMs;
    private boolean reportDue = true;
    private long lastReport;

    public Heartbeater(ChunkStore store, Master master, String address, long reportIntervalMs) {
        this.store = store;
        this.master = master;
        this.address = address;
        this.reportIntervalMs = reportIntervalMs;
    }

    /** The master at {@code masterUrl}, reached with {@code http}. */
    public static Master over(HttpTransport http, String masterUrl) {
        String url = masterUrl.replaceAll("/+$", "") + "/dfs/v1/master/heartbeat";
        return new Master() {
            @Override
            public HeartbeatReply heartbeat(HeartbeatRequest request) throws IOException {
                return http.postJson(url, request, HeartbeatReply.class);
            }

            @Override
            public String toString() {
                return masterUrl;
            }
        };
    }

    /** The master it reports to. */
    @Override
    public String toString() {
        return master.toString();
    }

    /** Sends one heartbeat at time {@code now}; the master's orders come back. */
    public HeartbeatReply beat(long now) throws IOException {
        boolean full = reportDue || now - lastReport >= reportIntervalMs;
        ChunkStore.Changes c = store.drain(full);
        HeartbeatRequest req = new HeartbeatRequest(store.serverId().value(), address, store.dir().toString(), store.freeBytes(),
                store.usedBytes(), full ? reports(c.report()) : null, reports(c.added()), ids(c.removed()), ids(c.corrupt()),
                ids(c.copyFailed()));
        HeartbeatReply reply;
        try {
            reply = master.heartbeat(req);
        } catch (IOException e) {
            store.restore(c);
            if (full) reportDue = true;
            throw e;
        }
        if (full) {
            reportDue = false;
            lastReport = now;
        }
        if (reply.sendReport()) reportDue = true;
        return reply;
    }

    private static List<ReplicaReport> reports(List<Replica> replicas) {
        List<ReplicaReport> out = new ArrayList<>(replicas.size());
        for (Replica r : replicas) out.add(new ReplicaReport(r.chunk().toString(), r.length(), r.digest()));
        return out;
    }

    private static List<String> ids(List<ChunkId> ids) {
        List<String> out = new ArrayList<>(ids.size());
        for (ChunkId id : ids) out.add(id.toString());
        return out;
    }
}
