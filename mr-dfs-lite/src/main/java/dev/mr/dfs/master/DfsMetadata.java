package dev.mr.dfs.master;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.DfsPaths;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.Problem;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunkmap.ChunkEffect;
import dev.mr.dfs.chunkmap.ChunkEffect.PlaceChunk;
import dev.mr.dfs.chunkmap.ChunkEvent;
import dev.mr.dfs.chunkmap.ChunkMap;
import dev.mr.dfs.journal.FailStop;
import dev.mr.dfs.journal.Journal;
import dev.mr.dfs.namespace.ChunkMeta;
import dev.mr.dfs.namespace.FileNode;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceOp;
import dev.mr.dfs.namespace.Node;
import dev.mr.dfs.protocol.AbandonRequest;
import dev.mr.dfs.protocol.AllocateReply;
import dev.mr.dfs.protocol.AllocateRequest;
import dev.mr.dfs.protocol.CloseRequest;
import dev.mr.dfs.protocol.CommitRequest;
import dev.mr.dfs.protocol.CorruptReport;
import dev.mr.dfs.protocol.CreateReply;
import dev.mr.dfs.protocol.CreateRequest;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.FsckReply;
import dev.mr.dfs.protocol.HealthReply;
import dev.mr.dfs.protocol.HeartbeatReply;
import dev.mr.dfs.protocol.HeartbeatRequest;
import dev.mr.dfs.protocol.Listing;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's side of the store: the namespace, the chunk map and their journal, behind one
 * lock. Each public method is one request: it validates, refuses with a
 * {@link StoreException} before changing anything, journals (forced to disk) and only then
 * applies and answers. Chunk-server traffic (heartbeats, reports, orders) lives in
 * {@link ChunkServerDesk}, read-only answers (layouts, fsck) in {@link MetadataQueries}; both share this
 * lock.
 *
 * <p>Fail-stop: when the journal cannot append or checkpoint, the change is refused
 * ({@link Problem#UNAVAILABLE}), so is every later one, and the journal calls the
 * {@link FailStop} given to {@link #open} once (in the daemon it ends the process); a restart
 * finds every change acknowledged before.
 *
 * <p>Thread-safe: every method is {@code synchronized}; callers (HTTP handlers) run it on
 * worker threads, since journaling blocks on the disk. The time comes from the injected clock.
 */
public final class DfsMetadata implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DfsMetadata.class);
    static final int MAX_REPLICATION = 16;

    final DfsSettings settings;
    final LongSupplier clock;
    final Namespace namespace;
    final ChunkMap chunkMap;
    private final Journal journal;
    final ChunkServerDesk servers;
    final MetadataQueries queries;
    private final Leases leases;
    private String broken;

    private DfsMetadata(DfsSettings settings, LongSupplier clock, long seed, Journal journal, Namespace namespace) {
        this.settings = settings;
        this.clock = clock;
        this.journal = journal;
        this.namespace = namespace;
        this.leases = new Leases(settings.leaseExpiryMs());
        long now = clock.getAsLong();
        this.chunkMap = new ChunkMap(new ChunkMap.Limits(settings.serverExpiryMs(), settings.copyTimeoutMs(), settings.copiesPerServer()),
                seed, now, true);
        for (FileNode f : namespace.files()) {
            for (ChunkMeta m : f.chunks()) {
                chunkMap.apply(new ChunkEvent.ChunkRestored(now, m.id(), f.replication(), m.committed() ? m.length() : f.chunkSize(),
                        m.digest(), m.committed()));
            }
            if (!f.closed()) leases.grant(f.client(), now);
        }
        this.servers = new ChunkServerDesk(this);
        this.queries = new MetadataQueries(this);
        if (chunkMap.chunksWithoutReplica() > 0) {
            LOG.info("safe mode: waiting for chunk reports before declaring anything missing ({} chunks not yet reported)",
                    chunkMap.chunksWithoutReplica());
        }
    }

    /**
     * Recovers the namespace from the journal in {@code journalDir} (created if absent).
     *
     * @param failStop called once when the journal fails to write (see the type's comment)
     */
    public static DfsMetadata open(Path journalDir, DfsSettings settings, LongSupplier clock, long seed, FailStop failStop) throws IOException {
        return open(new Journal(journalDir, failStop), settings, clock, seed);
    }

    /** Recovers the namespace from {@code journal}, a journal not yet recovered (tests build one on a failing disk). */
    public static DfsMetadata open(Journal journal, DfsSettings settings, LongSupplier clock, long seed) throws IOException {
        Namespace ns = journal.recover();
        return new DfsMetadata(settings, clock, seed, journal, ns);
    }

    long now() {
        return clock.getAsLong();
    }

    /** Warnings from recovery, such as a dropped torn journal record. */
    public synchronized List<String> recoveryWarnings() {
        return journal.warnings();
    }

    // ---------------------------------------------------------------- reads

    public synchronized FileInfo status(String path) {
        return queries.status(checkPath(path));
    }

    public synchronized Listing list(String path) {
        return queries.list(checkPath(path));
    }

    public synchronized FileLayout open(String path) {
        return queries.layout(checkPath(path));
    }

    public synchronized FsckReply fsck(String path) {
        return queries.fsck(checkPath(path));
    }

    public synchronized HealthReply health() {
        return queries.health();
    }

    /** The length of every closed file added up (one copy each): the store's size for the master's web page. */
    public synchronized long totalBytes() {
        return queries.totalBytes(namespace.root());
    }

    public synchronized boolean safeMode() {
        return chunkMap.safeMode();
    }

    // ---------------------------------------------------------------- namespace changes

    public synchronized void mkdirs(String path) {
        checkPath(path);
        if (namespace.lookup(path) instanceof dev.mr.dfs.namespace.DirNode) return;
        change(new NamespaceOp.Mkdirs(path, now()));
    }

    public synchronized boolean delete(String path, boolean recursive) {
        checkPath(path);
        if (namespace.lookup(path) == null) return false;
        if (!recursive) namespace.checkDeleteNonRecursive(path);
        List<ChunkMeta> released = change(new NamespaceOp.Delete(path, now()));
        release(released);
        return true;
    }

    public synchronized void rename(String from, String to) {
        checkPath(from);
        checkPath(to);
        change(new NamespaceOp.Rename(from, to, now()));
    }

    public synchronized CreateReply create(CreateRequest req) {
        String path = checkPath(req.path());
        String client = checkClient(req.client());
        int replication = req.replication() == 0 ? settings.replication() : req.replication();
        long chunkSize = req.chunkSize() == 0 ? settings.chunkSize() : req.chunkSize();
        if (replication < 1 || replication > MAX_REPLICATION) {
            throw new StoreException(Problem.BAD_REQUEST, "replication " + req.replication() + " outside [1, " + MAX_REPLICATION + "]");
        }
        if (chunkSize < 1 || chunkSize > settings.maxChunkSize()) {
            throw new StoreException(Problem.BAD_REQUEST, "chunk size " + req.chunkSize() + " outside [1, " + settings.maxChunkSize() + "]");
        }
        long inode = namespace.nextInode();
        change(new NamespaceOp.Create(path, inode, replication, chunkSize, client, now()));
        leases.grant(client, now());
        String warning = null;
        int live = chunkMap.liveServers();
        if (live < replication) {
            warning = "only " + live + " chunk servers are live for replication " + replication
                    + "; chunks get fewer replicas now and are copied when servers join";
            LOG.warn("dfs:{}: {}", path, warning);
        }
        return new CreateReply(inode, path, replication, chunkSize, settings.leaseExpiryMs(), warning);
    }

    public synchronized AllocateReply allocate(AllocateRequest req) {
        FileNode f = leased(req.file(), req.client());
        ServerId near = req.nearServer() == null || req.nearServer().isEmpty() ? null : parseServer(req.nearServer());
        ChunkId chunk = namespace.nextChunk();
        NamespaceOp op = new NamespaceOp.AddChunk(f.inode(), chunk.seq());
        namespace.check(op);
        if (chunkMap.liveServers() == 0) {
            throw new StoreException(Problem.UNAVAILABLE, "no live chunk server to write dfs:" + f.path() + " to; retry when servers have joined");
        }
        long size = f.chunkSize();
        PlaceChunk place = (PlaceChunk) chunkMap.apply(new ChunkEvent.ChunkAllocated(now(), chunk, f.replication(), size, near)).get(0);
        if (place.servers().isEmpty()) {
            chunkMap.apply(new ChunkEvent.ChunksDropped(now(), List.of(chunk)));
            throw new StoreException(Problem.NO_SPACE, "no live chunk server has " + size + " bytes free for a chunk of dfs:" + f.path());
        }
        try {
            append(op);
        } catch (StoreException e) {
            chunkMap.apply(new ChunkEvent.ChunksDropped(now(), List.of(chunk)));
            throw e;
        }
        namespace.apply(op);
        checkpointIfDue();
        String warning = null;
        if (place.servers().size() < f.replication()) {
            warning = chunk + " of dfs:" + f.path() + " gets " + place.servers().size() + " of " + f.replication()
                    + " replicas: too few live chunk servers";
            LOG.warn(warning);
        }
        List<ReplicaLocation> targets = new ArrayList<>();
        for (ServerId s : place.servers()) targets.add(servers.location(s));
        return new AllocateReply(chunk.toString(), targets, warning, null);
    }

    public synchronized void commit(CommitRequest req) {
        FileNode f = leased(req.file(), req.client());
        ChunkId chunk = parseChunk(req.chunk());
        if (req.servers().isEmpty()) throw new StoreException(Problem.BAD_REQUEST, "commit of " + chunk + " names no server that stored it");
        List<ServerId> acked = new ArrayList<>();
        for (String s : req.servers()) acked.add(parseServer(s));
        change(new NamespaceOp.CommitChunk(f.inode(), chunk.seq(), req.length(), req.digest()));
        chunkMap.apply(new ChunkEvent.ChunkCommitted(now(), chunk, req.length(), req.digest(), acked)).forEach(servers::carryOut);
    }

    public synchronized void close(CloseRequest req) {
        FileNode f = leased(req.file(), req.client());
        change(new NamespaceOp.Close(f.inode(), req.length(), now()));
    }

    public synchronized void abandon(AbandonRequest req) {
        FileNode f = leased(req.file(), req.client());
        LOG.info("dfs:{} abandoned by its writer {}", f.path(), req.client());
        release(change(new NamespaceOp.Abandon(f.inode(), "abandoned by " + req.client())));
    }

    public synchronized void renew(String client) {
        checkClient(client);
        leases.renew(client, now());
    }

    /** A chunk server's heartbeat: applies what it reports, answers with its orders. */
    public synchronized HeartbeatReply heartbeat(HeartbeatRequest req) {
        return servers.heartbeat(req);
    }

    public synchronized void reportCorrupt(CorruptReport report) {
        ChunkId chunk = parseChunk(report.chunk());
        ServerId server = parseServer(report.server());
        LOG.warn("{} on {} reported corrupt: {}", chunk, server, report.detail());
        chunkMap.apply(new ChunkEvent.ReplicaCorrupted(now(), server, chunk)).forEach(servers::carryOut);
    }

    // ---------------------------------------------------------------- time

    /** Expires servers, leases and copies, and plans re-replication; the HTTP edge calls it every tick. */
    public synchronized void tick() {
        long now = now();
        List<Leases.OpenFile<FileNode>> open = new ArrayList<>();
        for (FileNode f : namespace.files()) if (!f.closed()) open.add(new Leases.OpenFile<>(f, f.client()));
        for (FileNode f : leases.expired(open, now)) {
            LOG.warn("dfs:{}: the lease of writer {} expired; the file is removed and its {} chunks reclaimed", f.path(), f.client(),
                    f.chunks().size());
            try {
                release(change(new NamespaceOp.Abandon(f.inode(), "lease of " + f.client() + " expired")));
            } catch (StoreException e) {
                LOG.error("could not abandon dfs:{}: {}", f.path(), e.getMessage());
                return;
            }
        }
        chunkMap.apply(new ChunkEvent.Ticked(now)).forEach(servers::carryOut);
    }

    // ---------------------------------------------------------------- helpers

    /** Checks, journals and applies one op; returns the chunks it released. */
    private List<ChunkMeta> change(NamespaceOp op) {
        namespace.check(op);
        append(op);
        List<ChunkMeta> released = namespace.apply(op);
        checkpointIfDue();
        return released;
    }

    /** Journals one op, or refuses it for good once the journal has failed (the journal then calls the FailStop). */
    private void append(NamespaceOp op) {
        if (broken != null) throw new StoreException(Problem.UNAVAILABLE, "the master's journal failed earlier (" + broken + "); restart the master");
        try {
            journal.append(op);
        } catch (IOException e) {
            broken = e.getMessage();
            LOG.error("journal write failed; refusing every further change", e);
            throw new StoreException(Problem.UNAVAILABLE, "the master could not journal the change: " + e.getMessage());
        }
    }

    /**
     * Checkpoints once enough ops are logged; only after the last op is applied, or the image
     * would miss it. The op that triggered it is durable in the log and stays acknowledged; a
     * failed checkpoint means a failing disk, so later changes are refused (fail-stop).
     */
    private void checkpointIfDue() {
        if (broken != null || journal.sinceCheckpoint() < settings.checkpointEvery()) return;
        try {
            journal.checkpoint(namespace);
        } catch (IOException e) {
            broken = e.getMessage();
            LOG.error("journal checkpoint failed; refusing every further change", e);
        }
    }

    private void release(List<ChunkMeta> chunks) {
        if (chunks.isEmpty()) return;
        List<ChunkId> ids = new ArrayList<>();
        for (ChunkMeta m : chunks) ids.add(m.id());
        chunkMap.apply(new ChunkEvent.ChunksDropped(now(), ids)).forEach(servers::carryOut);
    }

    private FileNode leased(long inode, String client) {
        checkClient(client);
        FileNode f = namespace.file(inode);
        if (f == null || f.closed()) {
            throw new StoreException(Problem.NOT_FOUND, "file #" + inode + " is not being written (closed, deleted, or abandoned after its lease expired)");
        }
        if (!f.client().equals(client)) {
            throw new StoreException(Problem.LEASE, "dfs:" + f.path() + " is being written by " + f.client() + ", not " + client);
        }
        leases.grant(client, now());
        return f;
    }

    static String checkPath(String path) {
        try {
            return DfsPaths.checkWire(path);
        } catch (IllegalArgumentException e) {
            throw new StoreException(Problem.BAD_REQUEST, e.getMessage());
        }
    }

    private static String checkClient(String client) {
        if (client == null || !client.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new StoreException(Problem.BAD_REQUEST, "missing or malformed client name (1 to 128 letters, digits, '_.:-')");
        }
        return client;
    }

    static ChunkId parseChunk(String s) {
        try {
            return ChunkId.parse(s);
        } catch (IllegalArgumentException e) {
            throw new StoreException(Problem.BAD_REQUEST, e.getMessage());
        }
    }

    static ServerId parseServer(String s) {
        try {
            return new ServerId(s);
        } catch (IllegalArgumentException e) {
            throw new StoreException(Problem.BAD_REQUEST, e.getMessage());
        }
    }

    /** The node at a path as readers see it; a {@link StoreException} when absent or still being written. */
    Node visibleOrFail(String path) {
        Node n = namespace.lookup(path);
        if (n == null) throw new StoreException(Problem.NOT_FOUND, "dfs:" + path + " does not exist");
        if (n instanceof FileNode f && !f.closed()) {
            throw new StoreException(Problem.BEING_WRITTEN, "dfs:" + path + " is still being written");
        }
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
