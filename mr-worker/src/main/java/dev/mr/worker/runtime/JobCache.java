package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.protocol.JobSpec;
import dev.mr.api.spi.ShippedFiles;
import dev.mr.worker.attempt.JobClassPath;
import dev.mr.worker.attempt.LoadedJob;
import dev.mr.api.spi.Backoff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs this worker runs attempts of. A job's files are fetched once, by the first slot
 * thread that needs them: its spec from the master, then its jar and the files it ships, each
 * from the worker's {@link ContentCache} by its SHA-256 (downloaded only when no earlier job
 * brought the same bytes); its shipped files and archives are linked under their aliases in
 * {@code jobs/<jobId>/files/}, and its class path is its jar, the jars in its {@code lib/} and its
 * libjars. The job's settings are the
 * worker's {@code -D} settings overlaid with the spec's, with {@code mr.master} set to the master
 * this worker uses, so that {@code dfs:} paths work. Fetching none of it loads a user class: the
 * job's classes are loaded where its tasks run, in an executor, or ({@code mr.executor=thread})
 * here, once, through {@link #loaded}. Talking to the master is tried a few times; a job that
 * does not come fails the attempts that need it.
 *
 * <p>Thread-safe: other threads needing a job that is being fetched or loaded wait for it.
 */
final class JobCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobCache.class);
    private static final int TRIES = 3;

    /**
     * A job's settings, jar (null when it has none) and class path (its jar, its {@code lib/} jars,
     * its libjars; empty for none) on this worker's disk; its shipped files and archives are linked
     * under their aliases in the directory {@code conf} names ({@link ShippedFiles#LOCAL_DIR}).
     */
    record JobFiles(String jobId, Configuration conf, Path jar, List<Path> classPath) {}

    private final MasterClient master;
    private final WorkerDirs dirs;
    private final ContentCache cache;
    private final Configuration workerConf;
    private final Backoff retry = new Backoff(200, 2000);
    private final Map<String, CompletableFuture<JobFiles>> files = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<LoadedJob>> loaded = new ConcurrentHashMap<>();

    JobCache(MasterClient master, WorkerDirs dirs, Configuration workerConf) throws IOException {
        this.master = master;
        this.dirs = dirs;
        this.cache = new ContentCache(dirs.cache(), dirs.tmp(), workerConf.getLong(ContentCache.MAX_MB, ContentCache.DEFAULT_MAX_MB) << 20);
        this.workerConf = workerConf;
    }

    JobFiles files(String jobId) throws Exception {
        return once(files, jobId, () -> fetch(jobId));
    }

    /** The settings of a job whose files this worker has, or null: never downloads. */
    Configuration knownConf(String jobId) {
        CompletableFuture<JobFiles> f = files.get(jobId);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join().conf() : null;
    }

    /** The job loaded into this JVM, for {@code mr.executor=thread}. */
    LoadedJob loaded(JobFiles job) throws Exception {
        return once(loaded, job.jobId(), () -> LoadedJob.load(job.jobId(), job.conf(), job.classPath()));
    }

    private interface Work<T> {
        T get() throws Exception;
    }

    private static <T> T once(Map<String, CompletableFuture<T>> cache, String jobId, Work<T> work) throws Exception {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> theirs = cache.putIfAbsent(jobId, mine);
        if (theirs != null) {
            try {
                return theirs.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        try {
            T t = work.get();
            mine.complete(t);
            return t;
        } catch (Throwable t) {
            cache.remove(jobId, mine);
            mine.completeExceptionally(t);
            throw t;
        }
    }

    private JobFiles fetch(String jobId) throws Exception {
        WorkerDirs.checkJobId(jobId);
        JobSpec spec = withRetries("the spec of " + jobId, () -> master.jobSpec(jobId));
        Configuration conf = workerConf.copy();
        if (spec.conf() != null) conf.setAll(new Configuration(spec.conf()));
        conf.set(ConfKeys.MASTER, master.url());
        List<Path> classPath = new ArrayList<>();
        Path jar = null;
        if (spec.jarSha256() != null && !spec.jarSha256().isBlank()) {
            String sha = spec.jarSha256().toLowerCase(Locale.ROOT);
            jar = cached(jobId, sha, "the jar of " + jobId, part -> master.downloadJar(jobId, part));
            conf.set(ConfKeys.JOB_JAR, jar.toString());
            classPath.add(jar);
            classPath.addAll(jarsIn(cache.unpacked(jar, "lib", JobClassPath::unpackLib)));
        }
        Path filesDir = Files.createDirectories(dirs.jobDir(jobId).resolve("files"));
        for (JobSpec.ShippedFile f : spec.files()) {
            ShippedFiles.Kind kind = ShippedFiles.Kind.ofWireName(f.kind());
            String what = kind.option + " " + f.alias() + " of " + jobId;
            Path entry = cached(jobId, f.sha256(), what, part -> master.downloadFile(jobId, f.sha256(), part));
            switch (kind) {
                case LIBJAR -> classPath.add(entry);
                case FILE -> link(filesDir, f.alias(), entry);
                case ARCHIVE -> link(filesDir, f.alias(), cache.unpacked(entry, "d", JobClassPath::unpack));
            }
        }
        conf.set(ShippedFiles.LOCAL_DIR, filesDir.toString());
        return new JobFiles(jobId, conf, jar, List.copyOf(classPath));
    }

    private Path cached(String jobId, String sha, String what, ContentCache.Download download) throws IOException, InterruptedException {
        return withRetries(what, () -> cache.file(jobId, sha, what, download));
    }

    /** The jars of an unpacked {@code lib/}, by name, so that every worker builds the same class path. */
    private static List<Path> jarsIn(Path lib) throws IOException {
        try (var s = Files.list(lib)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** {@code <job>/files/<alias>} → the cache entry: where {@code Context.cacheFile(alias)} finds it. */
    private static void link(Path filesDir, String alias, Path entry) throws IOException {
        Path link = filesDir.resolve(alias).normalize();
        if (!filesDir.equals(link.getParent())) throw new IOException("the job ships a file as '" + alias + "', which is not a plain name");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, entry);
    }

    private interface Call<T> {
        T call() throws IOException, InterruptedException;
    }

    private <T> T withRetries(String what, Call<T> call) throws IOException, InterruptedException {
        for (int failures = 1; ; failures++) {
            try {
                return call.call();
            } catch (IOException e) {
                if (failures >= TRIES) throw new IOException("could not get " + what + " from the master: " + e.getMessage(), e);
                LOG.warn("getting {} failed ({}); trying again", what, e.getMessage());
                Thread.sleep(retry.delayAfter(failures));
            }
        }
    }

    /** The job ended: closes its class loader and filesystems (if loaded here); its cache entries may be evicted. */
    void cleanUp(String jobId) {
        files.remove(jobId);
        CompletableFuture<LoadedJob> f = loaded.remove(jobId);
        if (f != null) f.thenAccept(LoadedJob::close);
        cache.release(jobId);
    }

    /** Entries downloaded into the cache since this worker started; the rest were found there. */
    long downloads() {
        return cache.downloads();
    }

    @Override
    public void close() {
        files.clear();
        for (String jobId : loaded.keySet()) {
            CompletableFuture<LoadedJob> f = loaded.remove(jobId);
            if (f != null) f.thenAccept(LoadedJob::close);
        }
    }
}
