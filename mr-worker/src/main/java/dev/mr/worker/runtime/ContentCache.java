package dev.mr.worker.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What jobs bring to this worker, by content: {@code cache/<sha256>} is a job's jar, a shipped
 * file or a libjar, and beside it {@code <sha256>.lib/} (a jar's {@code lib/} jars, unpacked) and
 * {@code <sha256>.d/} (an unpacked archive). An entry is downloaded once, into {@code tmp/},
 * checked against its SHA-256 and moved in atomically, so the cache never holds a partial or wrong
 * entry; it is shared by every job that ships the same bytes and kept across restarts of the
 * worker. Each job holds the entries it uses until it is cleaned up; entries no job holds are
 * evicted, least recently used first, while the cache is over {@value #MAX_MB} (default
 * {@value #DEFAULT_MAX_MB} MiB, Hadoop's {@code local.cache.size}).
 *
 * <p>Thread-safe: one thread at a time fetches or unpacks an entry (others for the same entry
 * wait and then use it); the bookkeeping is guarded by {@code this}. A caller holds an entry
 * before it looks at it, so eviction never takes an entry from under its user.
 */
final class ContentCache {

    static final String MAX_MB = "mr.worker.cache.max.mb";
    static final long DEFAULT_MAX_MB = 10240;

    private static final Logger LOG = LoggerFactory.getLogger(ContentCache.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Writes the entry's bytes to {@code target}; returns the SHA-256 (hex) of what it wrote. */
    interface Download {
        String to(Path target) throws IOException, InterruptedException;
    }

    /** Fills {@code target}, a new directory, from the entry's file {@code source}. */
    interface Unpack {
        void into(Path source, Path target) throws IOException;
    }

    private final Path dir;
    private final Path tmp;
    private final long maxBytes;
    private final Map<String, Set<String>> holders = new HashMap<>(); // sha256 -> job ids
    private final Map<String, Long> lastUsed = new HashMap<>(); // sha256 -> millis, strictly increasing across uses
    private long clock; // the latest use; guarded by this
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong parts = new AtomicLong();

    /** Opens the cache in {@code dir}, with what an earlier life of the worker left there; downloads go through {@code tmp}. */
    ContentCache(Path dir, Path tmp, long maxBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.tmp = Files.createDirectories(tmp);
        this.maxBytes = maxBytes;
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (SHA256.matcher(name).matches()) {
                long used = Files.getLastModifiedTime(p).toMillis();
                lastUsed.put(name, used);
                clock = Math.max(clock, used);
            }
        }
        for (Path p : entries) {
            if (!lastUsed.containsKey(sha(p.getFileName().toString()))) PathUtils.delete(p); // unpacked without its file: of no use
        }
    }

    /** Entries downloaded by this cache since it opened (the rest were found in it). */
    long downloads() {
        return downloads.get();
    }

    /** The entry holding {@code sha256}'s bytes, downloaded unless present, held for {@code jobId}; {@code what} names it in messages. */
    Path file(String jobId, String sha256, String what, Download download) throws IOException, InterruptedException {
        if (!SHA256.matcher(sha256).matches()) throw new IOException(what + ": '" + sha256 + "' is not a lower-case hex SHA-256");
        hold(jobId, sha256);
        Path entry = dir.resolve(sha256);
        boolean fetched = false;
        synchronized (lock(sha256)) {
            if (Files.isRegularFile(entry)) {
                LOG.info("{} is in the cache ({}): not downloaded again", what, entry);
            } else {
                Path part = tmp.resolve(sha256 + "." + parts.incrementAndGet() + ".part");
                try {
                    String got = download.to(part);
                    if (!got.equalsIgnoreCase(sha256)) {
                        throw new IOException(what + " has SHA-256 " + got + " but the job's spec says " + sha256);
                    }
                    Files.move(part, entry, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(part);
                }
                downloads.incrementAndGet();
                fetched = true;
                LOG.info("downloaded {} into the cache ({}, {} bytes)", what, entry, Files.size(entry));
            }
        }
        used(sha256, entry);
        if (fetched) evict();
        return entry;
    }

    /**
     * The directory {@code <sha256>.<suffix>} made from the held entry {@code file} by {@code unpack},
     * once: later callers get the same directory.
     */
    Path unpacked(Path file, String suffix, Unpack unpack) throws IOException {
        String sha = file.getFileName().toString();
        Path target = dir.resolve(sha + "." + suffix);
        synchronized (lock(sha)) {
            if (!Files.isDirectory(target)) {
                Path work = tmp.resolve(sha + "." + suffix + "." + parts.incrementAndGet());
                try {
                    Files.createDirectories(work);
                    unpack.into(file, work);
                    Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    if (Files.exists(work)) PathUtils.deleteDirectory(work);
                }
            }
        }
        return target;
    }

    /** {@code jobId} ended here: its entries may be evicted. */
    void release(String jobId) {
        synchronized (this) {
            for (Set<String> jobs : holders.values()) jobs.remove(jobId);
            holders.values().removeIf(Set::isEmpty);
        }
        evict();
    }

    private synchronized void hold(String jobId, String sha256) {
        holders.computeIfAbsent(sha256, k -> new HashSet<>()).add(jobId);
    }

    private void used(String sha256, Path entry) {
        long now;
        synchronized (this) {
            now = clock = Math.max(clock + 1, System.currentTimeMillis()); // two uses in one millisecond keep their order
            lastUsed.put(sha256, now);
        }
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(now)); // the order of use survives a restart
        } catch (IOException e) {
            LOG.debug("could not touch {}: {}", entry, e.toString());
        }
    }

    /** While over the bound, deletes the least recently used entries that no job holds. */
    private synchronized void evict() {
        long total;
        try {
            total = PathUtils.sizeOfDirectory(dir);
        } catch (IOException e) {
            LOG.warn("could not measure the cache {}: {}", dir, e.toString());
            return;
        }
        if (total <= maxBytes) return;
        List<String> idle = new ArrayList<>();
        for (String sha : lastUsed.keySet()) if (!holders.containsKey(sha)) idle.add(sha);
        idle.sort(Comparator.comparing((String sha) -> lastUsed.get(sha)).thenComparing(sha -> sha));
        for (String sha : idle) {
            if (total <= maxBytes) break;
            long freed = 0;
            for (String name : List.of(sha, sha + ".lib", sha + ".d")) {
                Path p = dir.resolve(name);
                try {
                    if (Files.exists(p)) {
                        freed += Files.isDirectory(p) ? PathUtils.sizeOfDirectory(p) : Files.size(p);
                        PathUtils.delete(p);
                    }
                } catch (IOException e) {
                    LOG.warn("could not evict {} from the cache: {}", p, e.toString());
                }
            }
            lastUsed.remove(sha);
            total -= freed;
            LOG.info("evicted {} ({} bytes) from the cache: over {} = {} MiB, and no job here uses it", sha, freed, MAX_MB, maxBytes >> 20);
        }
    }

    private Object lock(String sha256) {
        return locks.computeIfAbsent(sha256, k -> new Object());
    }

    private static String sha(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
