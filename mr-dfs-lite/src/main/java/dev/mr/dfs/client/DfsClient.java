package dev.mr.dfs.client;

import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.dfs.DfsPaths;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.Problem;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.chunk.ChunkCrcs;
import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.chunkserver.ChunkStore;
import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.dfs.protocol.AbandonRequest;
import dev.mr.dfs.protocol.AllocateReply;
import dev.mr.security.BaseUrl;
import dev.mr.security.Credentials;
import dev.mr.security.CredentialsException;
import dev.mr.dfs.protocol.AllocateRequest;
import dev.mr.dfs.protocol.CloseRequest;
import dev.mr.dfs.protocol.CommitRequest;
import dev.mr.dfs.protocol.CorruptReport;
import dev.mr.dfs.protocol.CreateReply;
import dev.mr.dfs.protocol.CreateRequest;
import dev.mr.dfs.protocol.DeleteReply;
import dev.mr.dfs.protocol.DeleteRequest;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.FsckReply;
import dev.mr.dfs.protocol.HealthReply;
import dev.mr.dfs.protocol.Listing;
import dev.mr.dfs.protocol.PathRequest;
import dev.mr.dfs.protocol.RenameRequest;
import dev.mr.dfs.protocol.ReplicaLocation;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one store: the master's namespace calls, and new {@link DfsOutput} and
 * {@link DfsInput} streams. Paths are wire paths ({@code /a/b}). Refusals arrive as
 * {@link RemoteStoreException}s carrying the master's message. Calls to the master ride
 * through its restarts as far as that is safe ({@link MasterCalls}).
 *
 * <p>Thread-safe; streams are confined to the thread using them. Close it to stop its lease
 * and upload threads.
 */
public final class DfsClient implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DfsClient.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String master;
    private final DfsSettings settings;
    private final HttpTransport http;
    private final String name;
    private final ExecutorService streamThreads;
    private final LeaseRenewer leases = new LeaseRenewer(this);
    private final Map<String, Boolean> localDirs = new ConcurrentHashMap<>();
    private final AtomicLong localReads = new AtomicLong();
    private final AtomicLong remoteReads = new AtomicLong();
    private final AtomicLong localWrites = new AtomicLong();
    private final LocalServers local;
    private final AtomicInteger rotation = new AtomicInteger();
    private final MasterCalls calls;

    /** A client with the credentials this process's system properties or environment name ({@link Credentials#find}). */
    public DfsClient(String masterUrl, DfsSettings settings) {
        this(masterUrl, settings, LocalServers.ofThisProcess());
    }

    public DfsClient(String masterUrl, DfsSettings settings, LocalServers local) {
        this(masterUrl, settings, ambient(), local);
    }

    private static Credentials ambient() {
        try {
            return Credentials.find(k -> null);
        } catch (CredentialsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A client whose writers ask for their first replica on a chunk server of {@code local} and
     * write the replicas of its servers straight into their stores (an empty one: everything over
     * HTTP). The constructors without it use the registry a daemon shared with this process
     * ({@link LocalServers#ofThisProcess}).
     */
    public DfsClient(String masterUrl, DfsSettings settings, Credentials credentials, LocalServers local) {
        this(masterUrl, settings, credentials, local,
                MasterRetryLoop.system(new MasterRetryPolicy(MasterRetryPolicy.DEFAULT_BACKOFF, settings.clientRetryMaxMs(), new Random())));
    }

    /** As above, with calls to the master retried by {@code retry} (tests pass one on a manual clock). */
    DfsClient(String masterUrl, DfsSettings settings, Credentials credentials, LocalServers local, MasterRetryLoop retry) {
        this.local = local;
        if (masterUrl == null || !masterUrl.matches("https?://[^/\\s]+/*")) {
            throw new IllegalArgumentException("master URL '" + masterUrl + "' is not of the form http://host:port");
        }
        this.master = masterUrl.replaceAll("/+$", "");
        this.settings = settings;
        this.http = new HttpTransport(settings.ioTimeoutMs(), credentials, BaseUrl.schemeOf(masterUrl));
        this.name = "client-" + UUID.randomUUID().toString().substring(0, 13);
        this.calls = new MasterCalls(master, retry);
        this.streamThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dfs-upload-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return name;
    }

    public String master() {
        return master;
    }

    DfsSettings settings() {
        return settings;
    }

    HttpTransport http() {
        return http;
    }

    ExecutorService streamThreads() {
        return streamThreads;
    }

    String masterUrl(String endpoint) {
        return master + "/dfs/v1/master/" + endpoint;
    }

    private String query(String endpoint, String path) {
        return masterUrl(endpoint) + "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- namespace

    public FileInfo status(String path) throws IOException {
        return calls.read("status dfs:" + path, () -> http.getJson(query("status", path), FileInfo.class));
    }

    public Listing list(String path) throws IOException {
        return calls.read("list dfs:" + path, () -> http.getJson(query("list", path), Listing.class));
    }

    /** Repeatable: a directory made twice is made. */
    public void mkdirs(String path) throws IOException {
        calls.read("mkdirs dfs:" + path, () -> http.postJson(masterUrl("mkdirs"), new PathRequest(path), Void.class));
    }

    public boolean delete(String path, boolean recursive) throws IOException {
        return calls.write("delete dfs:" + path,
                () -> http.postJson(masterUrl("delete"), new DeleteRequest(path, recursive), DeleteReply.class)).deleted();
    }

    public void rename(String from, String to) throws IOException {
        calls.write("rename dfs:" + from + " to dfs:" + to, () -> http.postJson(masterUrl("rename"), new RenameRequest(from, to), Void.class));
    }

    public FileLayout layout(String path) throws IOException {
        return calls.read("open dfs:" + path, () -> http.getJson(query("open", path), FileLayout.class));
    }

    public FsckReply fsck(String path) throws IOException {
        return calls.read("fsck dfs:" + path, () -> http.getJson(query("fsck", path), FsckReply.class));
    }

    public HealthReply health() throws IOException {
        return calls.read("health", () -> http.getJson(masterUrl("health"), HealthReply.class));
    }

    // ---------------------------------------------------------------- writing

    /** Starts a new file; 0 replication or chunk size means the store's default. */
    public DfsOutput create(String path, int replication, long chunkSize) throws IOException {
        CreateReply file = calls.write("create dfs:" + path,
                () -> http.postJson(masterUrl("create"), new CreateRequest(path, replication, chunkSize, name), CreateReply.class));
        leases.writerOpened(file.leaseMs());
        return new DfsOutput(this, file);
    }

    AllocateReply allocate(CreateReply file) throws IOException {
        ServerId near = local.near();
        if (near == null && settings.nearServer() != null && !settings.nearServer().isBlank()) near = new ServerId(settings.nearServer().strip());
        String nearServer = near == null ? null : near.value();
        return calls.write("allocate a chunk of dfs:" + file.path(),
                () -> http.postJson(masterUrl("allocate"), new AllocateRequest(file.file(), name, nearServer), AllocateReply.class));
    }

    void commit(CreateReply file, String chunk, ChunkCrcs crcs, List<String> servers) throws IOException {
        calls.write("commit chunk " + chunk + " of dfs:" + file.path(), () -> http.postJson(masterUrl("commit"),
                new CommitRequest(file.file(), name, chunk, crcs.length(), crcs.digest(), servers), Void.class));
    }

    void complete(CreateReply file, long length) throws IOException {
        calls.write("close dfs:" + file.path(), () -> http.postJson(masterUrl("close"), new CloseRequest(file.file(), name, length), Void.class));
    }

    void abandonQuietly(CreateReply file) {
        try {
            http.postJson(masterUrl("abandon"), new AbandonRequest(file.file(), name), Void.class);
        } catch (IOException e) {
            LOG.debug("could not abandon dfs:{} ({}); its lease will expire", file.path(), e.getMessage());
        }
    }

    void writerDone(CreateReply file) {
        leases.writerClosed();
    }

    // ---------------------------------------------------------------- reading

    public DfsInput open(String path) throws IOException {
        return new DfsInput(this, layout(path));
    }

    /** Replicas in the order to try them: those on this host first, then the rest rotated to spread load. */
    List<ReplicaLocation> readOrder(List<ReplicaLocation> replicas) {
        List<ReplicaLocation> local = new ArrayList<>();
        List<ReplicaLocation> remote = new ArrayList<>();
        for (ReplicaLocation r : replicas) (isLocal(r) ? local : remote).add(r);
        if (!remote.isEmpty()) java.util.Collections.rotate(remote, Math.floorMod(rotation.getAndIncrement(), remote.size()));
        local.addAll(remote);
        return local;
    }

    /** True when the replica's chunk directory is on this host: its identity file names the same server. */
    boolean isLocal(ReplicaLocation r) {
        if (!settings.shortCircuit() || r.dir() == null) return false;
        return localDirs.computeIfAbsent(r.server() + "@" + r.dir(), k -> {
            try {
                return Files.readString(Path.of(r.dir()).resolve(ChunkFiles.SERVER_ID), StandardCharsets.UTF_8).strip().equals(r.server());
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
    }

    /** The store to write {@code target}'s replica into without HTTP: its chunk server runs in this JVM. Null otherwise. */
    ChunkStore inProcessStore(ReplicaLocation target) {
        if (!settings.shortCircuit()) return null;
        ChunkStore store = local.store(new ServerId(target.server()));
        if (store != null) localWrites.incrementAndGet();
        return store;
    }

    /** Chunk replicas written straight into a chunk store of this JVM so far (short-circuit). */
    public long localWrites() {
        return localWrites.get();
    }

    void countRead(boolean local) {
        (local ? localReads : remoteReads).incrementAndGet();
    }

    /** Chunk reads served from a local disk so far (short-circuit). */
    public long localReads() {
        return localReads.get();
    }

    /** Chunk reads served over HTTP so far. */
    public long remoteReads() {
        return remoteReads.get();
    }

    void reportCorrupt(String chunk, String server, String detail) {
        LOG.warn("{} on {} is corrupt: {}; reading another replica", chunk, server, detail);
        try {
            http.postJson(masterUrl("corrupt"), new CorruptReport(chunk, server, detail), Void.class);
        } catch (IOException e) {
            LOG.warn("could not report corrupt {} on {}: {}", chunk, server, e.getMessage());
        }
    }

    /** True when {@code e} is the master saying the path does not exist. */
    public static boolean notFound(IOException e) {
        return e instanceof RemoteStoreException r && r.problem() == Problem.NOT_FOUND;
    }

    /** Parses a path a user typed into its wire form. */
    public static String wirePath(String userPath) {
        return DfsPaths.parse(userPath).path();
    }

    @Override
    public void close() {
        leases.close();
        streamThreads.shutdownNow();
    }
}
