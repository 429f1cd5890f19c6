package dev.mr.dfs.chunkserver;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.Problem;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunk.ChunkCrcs;
import dev.mr.dfs.chunk.ChunkFiles;
import dev.mr.dfs.chunkmap.Replica;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunk server's replicas on disk: {@code <chunk>.data} and its {@code .crc} in one
 * directory. A replica appears only complete: it is written under {@code .tmp/}, its checksum
 * file is put in place first and the data renamed after it, so a {@code .data} file always
 * has its checksums; leftovers of a crash are cleaned on {@link #open}. Keeps the changes
 * since the last heartbeat (added, removed, corrupt, failed copies) for the master.
 *
 * <p>Thread-safe: the index and change lists are guarded by {@code this}; file I/O happens
 * outside the lock, on the caller's (worker) thread.
 */
public final class ChunkStore {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkStore.class);

    private final Path dir;
    private final Path tmp;
    private final boolean fsync;
    private ServerId serverId;
    private final TreeMap<ChunkId, Replica> replicas = new TreeMap<>();
    private final Set<ChunkId> writing = new HashSet<>();
    private final Set<ChunkId> knownCorrupt = new TreeSet<>();
    private long usedBytes;
    private final List<Replica> added = new ArrayList<>();
    private final List<ChunkId> removed = new ArrayList<>();
    private final List<ChunkId> corrupt = new ArrayList<>();
    private final List<ChunkId> copyFailed = new ArrayList<>();

    public ChunkStore(Path dir, boolean fsync) {
        this.dir = dir.toAbsolutePath().normalize();
        this.tmp = this.dir.resolve(ChunkFiles.TMP);
        this.fsync = fsync;
    }

    /** Creates or reopens the directory: reads or makes the server id, drops partial writes, indexes the replicas. */
    public synchronized void open() throws IOException {
        Files.createDirectories(tmp);
        Path idFile = dir.resolve(ChunkFiles.SERVER_ID);
        if (Files.exists(idFile)) {
            serverId = new ServerId(Files.readString(idFile, StandardCharsets.UTF_8).strip());
        } else {
            serverId = ServerId.random();
            Path t = tmp.resolve("server-id");
            Files.writeString(t, serverId.value() + "\n", StandardCharsets.UTF_8);
            Files.move(t, idFile, StandardCopyOption.ATOMIC_MOVE);
        }
        try (Stream<Path> partial = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) partial::iterator) Files.deleteIfExists(p);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) index(p);
        }
        LOG.info("chunk store {} ({}): {} replicas, {} bytes", dir, serverId, replicas.size(), usedBytes);
    }

    private void index(Path p) throws IOException {
        String name = p.getFileName().toString();
        if (!name.endsWith(".data") && !name.endsWith(".crc")) return;
        ChunkId id;
        try {
            id = ChunkId.parse(name.substring(0, name.lastIndexOf('.')));
        } catch (IllegalArgumentException e) {
            return;
        }
        Path data = ChunkFiles.data(dir, id);
        if (name.endsWith(".crc")) {
            if (!Files.exists(data)) {
                LOG.warn("removing {}: its data file is missing (a write cut short)", p);
                Files.deleteIfExists(p);
            }
            return;
        }
        try {
            ChunkCrcs crcs = ChunkFiles.readCrcs(dir, id);
            replicas.put(id, new Replica(id, crcs.length(), crcs.digest()));
            usedBytes += crcs.length();
        } catch (NoSuchFileException e) {
            LOG.warn("removing {}: it has no checksum file", data);
            Files.deleteIfExists(data);
        } catch (IOException e) {
            // keep the data: the master decides, and it may be the only copy
            LOG.warn("{}: damaged checksum file ({}); reporting the replica corrupt", id, e.getMessage());
            replicas.put(id, new Replica(id, Files.size(data), 0));
            knownCorrupt.add(id);
            corrupt.add(id);
        }
    }

    public ServerId serverId() {
        return serverId;
    }

    public Path dir() {
        return dir;
    }

    public synchronized Replica get(ChunkId id) {
        return replicas.get(id);
    }

    public synchronized boolean isKnownCorrupt(ChunkId id) {
        return knownCorrupt.contains(id);
    }

    public synchronized int size() {
        return replicas.size();
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    /**
     * Asks the file system of {@code dir} directly (statvfs): {@code Files.getFileStore} looks the
     * directory up in the mount table, which a chroot or some containers lack, and a failed lookup
     * made the server report no free space, so nothing was ever placed on it.
     */
    public long freeBytes() {
        return dir.toFile().getUsableSpace();
    }

    public synchronized List<ChunkId> ids() {
        return new ArrayList<>(replicas.keySet());
    }

    public Path dataFile(ChunkId id) {
        return ChunkFiles.data(dir, id);
    }

    public ChunkCrcs readCrcs(ChunkId id) throws IOException {
        return ChunkFiles.readCrcs(dir, id);
    }

    // ---------------------------------------------------------------- writing

    /** Claims {@code id} for a new replica; returns the temporary file to write it to. */
    public synchronized Path reserve(ChunkId id) {
        if (replicas.containsKey(id)) throw new StoreException(Problem.EXISTS, id + " is already stored on " + serverId);
        if (!writing.add(id)) throw new StoreException(Problem.EXISTS, id + " is already being written to " + serverId);
        return tmp.resolve(id + ".data.part");
    }

    /** Gives up a reserved write, deleting its partial file. */
    public void release(ChunkId id, Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", part, e.getMessage());
        }
        synchronized (this) {
            writing.remove(id);
        }
    }

    /** Makes a fully written replica visible: checksums first, then data. */
    public Replica publish(ChunkId id, Path part, ChunkCrcs crcs) throws IOException {
        try {
            if (Files.size(part) != crcs.length()) {
                throw new IOException(id + ": wrote " + Files.size(part) + " bytes but checksummed " + crcs.length());
            }
            Path crcPart = tmp.resolve(id + ".crc.part");
            Files.write(crcPart, crcs.encode());
            if (fsync) {
                force(part);
                force(crcPart);
            }
            Files.move(crcPart, ChunkFiles.crc(dir, id), StandardCopyOption.ATOMIC_MOVE);
            Files.move(part, ChunkFiles.data(dir, id), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            release(id, part);
            Files.deleteIfExists(ChunkFiles.crc(dir, id));
            throw e;
        }
        Replica r = new Replica(id, crcs.length(), crcs.digest());
        synchronized (this) {
            writing.remove(id);
            replicas.put(id, r);
            usedBytes += r.length();
            added.add(r);
        }
        return r;
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    // ---------------------------------------------------------------- removal and damage

    /** Deletes a replica (an order of the master); false when it was not here. */
    public boolean delete(ChunkId id) throws IOException {
        Replica r;
        synchronized (this) {
            r = replicas.remove(id);
            knownCorrupt.remove(id);
            if (r == null) {
                removed.add(id);
                return false;
            }
            usedBytes -= r.length();
            removed.add(id);
        }
        Files.deleteIfExists(ChunkFiles.data(dir, id));
        Files.deleteIfExists(ChunkFiles.crc(dir, id));
        return true;
    }

    /** Records that a replica failed its checksums; the master decides what becomes of it. */
    public synchronized void markCorrupt(ChunkId id, String why) {
        if (!replicas.containsKey(id) || !knownCorrupt.add(id)) return;
        LOG.warn("{} on {} is corrupt: {}", id, serverId, why);
        corrupt.add(id);
    }

    public synchronized void copyFailed(ChunkId id) {
        copyFailed.add(id);
    }

    /** A replica already here that a copy order asked for: announce it again. */
    public synchronized void announce(Replica r) {
        added.add(r);
    }

    // ---------------------------------------------------------------- heartbeat

    /** What changed since the last heartbeat; with {@code full}, every replica held (superseding added and removed). */
    public synchronized Changes drain(boolean full) {
        List<Replica> report = full ? new ArrayList<>(replicas.values()) : null;
        List<ChunkId> bad = new ArrayList<>(corrupt);
        if (full) {
            for (ChunkId id : knownCorrupt) if (!bad.contains(id)) bad.add(id);
        }
        Changes c = new Changes(report, full ? List.of() : List.copyOf(added), full ? List.of() : List.copyOf(removed),
                bad, List.copyOf(copyFailed));
        added.clear();
        removed.clear();
        corrupt.clear();
        copyFailed.clear();
        return c;
    }

    /** Puts back changes a failed heartbeat could not deliver. */
    public synchronized void restore(Changes c) {
        added.addAll(0, c.added());
        removed.addAll(0, c.removed());
        corrupt.addAll(0, c.corrupt());
        copyFailed.addAll(0, c.copyFailed());
    }

    /** The changes one heartbeat carries. */
    public record Changes(List<Replica> report, List<Replica> added, List<ChunkId> removed, List<ChunkId> corrupt,
                          List<ChunkId> copyFailed) {}
}
