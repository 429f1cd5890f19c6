package dev.mr.worker.runtime;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.spi.JobDefinition;
import dev.mr.protocol.JobSpec;
import dev.mr.worker.policy.Backoff;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
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
 * The jobs this worker runs attempts of. A job is loaded once, by the first task thread that
 * needs it: its spec from the master, its jar downloaded to {@code jars/<jobId>.jar} and checked
 * against the spec's SHA-256, a class loader of its own over the jar (parent: the worker's, so
 * the framework's classes are shared and the job's come from its jar), its
 * {@link JobDefinition} checked against those classes, and its {@link FileSystems}. The job's
 * settings are the worker's {@code -D} settings overlaid with the spec's, with {@code mr.master}
 * set to the master this worker uses, so that {@code dfs:} paths work. Talking to the master is
 * tried a few times; a job that does not load fails the attempts that need it.
 *
 * <p>Thread-safe: other threads needing a job that is loading wait for it.
 */
final class JobCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobCache.class);
    private static final int TRIES = 3;

    /** A loaded job; {@code loader} is null when the job has no jar of its own. */
    record LoadedJob(String jobId, JobDefinition definition, URLClassLoader loader, FileSystems fileSystems) {
        ClassLoader classLoader() {
            return loader != null ? loader : JobCache.class.getClassLoader();
        }

        void close() {
            try {
                fileSystems.close();
            } catch (IOException e) {
                LOG.warn("closing the filesystems of {}: {}", jobId, e.toString());
            }
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException e) {
                    LOG.warn("closing the class loader of {}: {}", jobId, e.toString());
                }
            }
        }
    }

    private final MasterClient master;
    private final WorkerDirs dirs;
    private final Configuration workerConf;
    private final Backoff retry = new Backoff(200, 2000);
    private final Map<String, CompletableFuture<LoadedJob>> jobs = new ConcurrentHashMap<>();

    JobCache(MasterClient master, WorkerDirs dirs, Configuration workerConf) {
        this.master = master;
        this.dirs = dirs;
        this.workerConf = workerConf;
    }

    LoadedJob get(String jobId) throws Exception {
        CompletableFuture<LoadedJob> mine = new CompletableFuture<>();
        CompletableFuture<LoadedJob> theirs = jobs.putIfAbsent(jobId, mine);
        if (theirs != null) {
            try {
                return theirs.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        try {
            LoadedJob job = load(jobId);
            mine.complete(job);
            return job;
        } catch (Throwable t) {
            jobs.remove(jobId, mine);
            mine.completeExceptionally(t);
            throw t;
        }
    }

    private LoadedJob load(String jobId) throws Exception {
        WorkerDirs.checkJobId(jobId);
        JobSpec spec = withRetries("the spec of " + jobId, () -> master.jobSpec(jobId));
        Configuration conf = workerConf.copy();
        if (spec.conf() != null) conf.setAll(new Configuration(spec.conf()));
        conf.set(ConfKeys.MASTER, master.url());
        URLClassLoader loader = null;
        if (spec.jarSha256() != null && !spec.jarSha256().isBlank()) {
            Path jar = withRetries("the jar of " + jobId, () -> download(jobId, spec.jarSha256()));
            conf.set(ConfKeys.JOB_JAR, jar.toString());
            loader = new URLClassLoader("job " + jobId, new URL[] {jar.toUri().toURL()}, JobCache.class.getClassLoader());
        }
        try {
            JobDefinition def = JobDefinition.load(conf, loader != null ? loader : JobCache.class.getClassLoader());
            LOG.info("loaded job {} ({}){}", jobId, def.name(), loader == null ? " without a jar" : " from its jar");
            return new LoadedJob(jobId, def, loader, new FileSystems(def.conf()));
        } catch (RuntimeException e) {
            if (loader != null) loader.close();
            throw e;
        }
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

    /** The job ended: closes its class loader and filesystems and deletes its jar. */
    void cleanUp(String jobId) {
        CompletableFuture<LoadedJob> f = jobs.remove(jobId);
        if (f != null) f.thenAccept(LoadedJob::close);
        try {
            Files.deleteIfExists(dirs.jar(jobId));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("could not delete the jar of {}: {}", jobId, e.toString());
        }
    }

    @Override
    public void close() {
        for (String jobId : jobs.keySet()) {
            CompletableFuture<LoadedJob> f = jobs.remove(jobId);
            if (f != null) f.thenAccept(LoadedJob::close);
        }
    }
}
