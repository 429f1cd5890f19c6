package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.protocol.JobSpec;
import dev.mr.worker.attempt.LoadedJob;
import dev.mr.api.spi.Backoff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs this worker runs attempts of. A job's files are fetched once, by the first slot
 * thread that needs them: its spec from the master and its jar, downloaded to
 * {@code jars/<jobId>.jar} and checked against the spec's SHA-256. The job's settings are the
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

    /** A job's settings and jar (null when it has none) on this worker's disk. */
    record JobFiles(String jobId, Configuration conf, Path jar) {}

    private final MasterClient master;
    private final WorkerDirs dirs;
    private final Configuration workerConf;
    private final Backoff retry = new Backoff(200, 2000);
    private final Map<String, CompletableFuture<JobFiles>> files = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<LoadedJob>> loaded = new ConcurrentHashMap<>();

    JobCache(MasterClient master, WorkerDirs dirs, Configuration workerConf) {
        this.master = master;
        this.dirs = dirs;
        this.workerConf = workerConf;
    }

    JobFiles files(String jobId) throws Exception {
        return once(files, jobId, () -> fetch(jobId));
    }

    /** The job loaded into this JVM, for {@code mr.executor=thread}. */
    LoadedJob loaded(JobFiles job) throws Exception {
        return once(loaded, job.jobId(), () -> LoadedJob.load(job.jobId(), job.conf(), job.jar()));
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
        Path jar = null;
        if (spec.jarSha256() != null && !spec.jarSha256().isBlank()) {
            jar = withRetries("the jar of " + jobId, () -> download(jobId, spec.jarSha256()));
            conf.set(ConfKeys.JOB_JAR, jar.toString());
        }
        return new JobFiles(jobId, conf, jar);
    }

    private Path download(String jobId, String expectedSha) throws IOException, InterruptedException {
        Path jar = dirs.jar(jobId);
        Path part = dirs.tmp().resolve(jar.getFileName() + ".part");
        try {
            String got = master.downloadJar(jobId, part);
            if (!got.equalsIgnoreCase(expectedSha)) {
                throw new IOException("the jar of " + jobId + " has SHA-256 " + got + " but the job's spec says " + expectedSha);
            }
            Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } finally {
            Files.deleteIfExists(part);
        }
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

    /** The job ended: closes its class loader and filesystems (if loaded here) and deletes its jar. */
    void cleanUp(String jobId) {
        files.remove(jobId);
        CompletableFuture<LoadedJob> f = loaded.remove(jobId);
        if (f != null) f.thenAccept(LoadedJob::close);
        try {
            Files.deleteIfExists(dirs.jar(jobId));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("could not delete the jar of {}: {}", jobId, e.toString());
        }
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
