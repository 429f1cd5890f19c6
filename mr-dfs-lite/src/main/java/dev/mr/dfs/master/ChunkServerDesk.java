package dev.mr.dfs.master;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.Problem;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunkmap.ChunkEffect;
import dev.mr.dfs.chunkmap.ChunkEvent;
import dev.mr.dfs.chunkmap.Replica;
import dev.mr.dfs.protocol.HeartbeatReply;
import dev.mr.dfs.protocol.HeartbeatRequest;
import dev.mr.dfs.protocol.ReplicaLocation;
import dev.mr.dfs.protocol.ReplicaReport;
import dev.mr.dfs.protocol.ServerCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's dealings with chunk servers: turns heartbeats into chunk-map events, and the
 * chunk map's orders into per-server outboxes that the next heartbeat of each server drains.
 * A heartbeat is validated whole before any of it is applied.
 *
 * <p>Runs under {@link DfsMetadata}'s lock; not thread-safe on its own.
 */
final class ChunkServerDesk {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkServerDesk.class);
    static final int MAX_COMMANDS_PER_HEARTBEAT = 1000;

    private final DfsMetadata meta;
    private final Map<ServerId, List<ServerCommand>> outbox = new HashMap<>();
    private final Map<ServerId, String> dirs = new HashMap<>();

    ChunkServerDesk(DfsMetadata meta) {
        this.meta = meta;
    }

    HeartbeatReply heartbeat(HeartbeatRequest req) {
        ServerId server = DfsMetadata.parseServer(req.server());
        String address = checkAddress(req.address());
        List<Replica> report = req.report() == null ? null : replicas(req.report());
        List<Replica> added = replicas(req.added());
        List<ChunkId> removed = chunks(req.removed());
        List<ChunkId> corrupt = chunks(req.corrupt());
        List<ChunkId> copyFailed = chunks(req.copyFailed());
        if (req.dir() != null && (req.dir().length() > 4096 || !req.dir().startsWith("/") || req.dir().chars().anyMatch(ch -> ch < 0x20))) {
            throw new StoreException(Problem.BAD_REQUEST, "malformed chunk directory (an absolute path is expected)");
        }
        if (req.freeBytes() < 0 || req.usedBytes() < 0) throw new StoreException(Problem.BAD_REQUEST, "negative free or used bytes");

        long now = meta.now();
        boolean wasAlive = meta.chunkMap.isAlive(server);
        apply(new ChunkEvent.ServerHeartbeated(now, server, address, req.freeBytes()));
        if (!wasAlive) LOG.info("chunk server {} at {} joined", server, address);
        if (req.dir() != null) dirs.put(server, req.dir());
        if (report != null) {
            apply(new ChunkEvent.ChunksReported(now, server, report));
        } else {
            for (Replica r : added) apply(new ChunkEvent.ReplicaAdded(now, server, r));
            for (ChunkId c : removed) apply(new ChunkEvent.ReplicaRemoved(now, server, c));
        }
        for (ChunkId c : corrupt) {
            LOG.warn("{} on {} failed its checksums (found by the server)", c, server);
            apply(new ChunkEvent.ReplicaCorrupted(now, server, c));
        }
        for (ChunkId c : copyFailed) apply(new ChunkEvent.CopyFailed(now, server, c));

        List<ServerCommand> pending = outbox.getOrDefault(server, List.of());
        List<ServerCommand> send = new ArrayList<>(pending.subList(0, Math.min(pending.size(), MAX_COMMANDS_PER_HEARTBEAT)));
        if (send.size() == pending.size()) outbox.remove(server);
        else outbox.put(server, new ArrayList<>(pending.subList(send.size(), pending.size())));
        return new HeartbeatReply(meta.chunkMap.needsReport(server), send);
    }

    private void apply(ChunkEvent e) {
        meta.chunkMap.apply(e).forEach(this::carryOut);
    }

    /** Queues or logs one decision of the chunk map. */
    void carryOut(ChunkEffect effect) {
        if (effect instanceof ChunkEffect.CopyChunk c) {
            String source = meta.chunkMap.address(c.source());
            queue(c.target(), new ServerCommand(ServerCommand.COPY, c.chunk().toString(), source, c.length(), c.digest()));
            LOG.info("copying {} from {} to {}", c.chunk(), c.source(), c.target());
        } else if (effect instanceof ChunkEffect.DeleteReplica d) {
            queue(d.server(), new ServerCommand(ServerCommand.DELETE, d.chunk().toString(), null, 0, 0));
            LOG.debug("deleting {} on {}: {}", d.chunk(), d.server(), d.reason());
        } else if (effect instanceof ChunkEffect.DeclareServerDead d) {
            outbox.remove(d.server());
            LOG.warn("chunk server {} missed its heartbeats for {} ms: declared dead; {} replicas no longer count", d.server(),
                    meta.settings.serverExpiryMs(), d.replicasLost());
        } else if (effect instanceof ChunkEffect.LeaveSafeMode l) {
            LOG.info("leaving safe mode: {}", l.reason());
        }
    }

    private void queue(ServerId server, ServerCommand command) {
        outbox.computeIfAbsent(server, k -> new ArrayList<>()).add(command);
    }

    ReplicaLocation location(ServerId server) {
        return new ReplicaLocation(server.value(), meta.chunkMap.address(server), dirs.get(server));
    }

    private static List<Replica> replicas(List<ReplicaReport> reports) {
        List<Replica> out = new ArrayList<>(reports.size());
        for (ReplicaReport r : reports) {
            if (r.length() < 0) throw new StoreException(Problem.BAD_REQUEST, "negative length for " + r.chunk());
            out.add(new Replica(DfsMetadata.parseChunk(r.chunk()), r.length(), r.digest()));
        }
        return out;
    }

    private static List<ChunkId> chunks(List<String> ids) {
        List<ChunkId> out = new ArrayList<>(ids.size());
        for (String s : ids) out.add(DfsMetadata.parseChunk(s));
        return out;
    }

    static String checkAddress(String address) {
        if (address == null || !address.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}:[0-9]{1,5}")) {
            throw new StoreException(Problem.BAD_REQUEST, "missing or malformed server address '" + address + "' (expected host:port)");
        }
        return address;
    }
}
