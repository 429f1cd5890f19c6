package dev.mr.worker.attempt;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.spi.JobDefinition;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job loaded into the JVM that runs its tasks: a class loader of its own over the job's class
 * path ({@link JobClassPath}: its jar, the jars in its {@code lib/}, its libjars; parent: the
 * framework's, so the framework's classes are shared and the job's come from its jars), its
 * {@link JobDefinition} checked against those classes, and its {@link FileSystems}.
 * This is where user classes are first loaded, so it happens only where tasks run: in an
 * executor JVM, or in the worker daemon with {@code mr.executor=thread}. Thread-safe once built.
 *
 * @param loader null when the job has no jars of its own (its classes are on the class path)
 */
public record LoadedJob(String jobId, JobDefinition definition, URLClassLoader loader, FileSystems fileSystems) {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedJob.class);

    /** Loads the job whose settings are {@code conf} and whose class path (empty for none) is {@code classPath}. */
    public static LoadedJob load(String jobId, Configuration conf, List<Path> classPath) throws IOException {
        ClassLoader framework = LoadedJob.class.getClassLoader();
        URLClassLoader loader = classPath.isEmpty() ? null : JobClassPath.loader("job " + jobId, classPath, framework);
        try {
            JobDefinition def = JobDefinition.load(conf, loader != null ? loader : framework);
            LOG.info("loaded job {} ({}){}", jobId, def.name(), loader == null ? " without a jar" : " from " + classPath.size() + " jar(s)");
            return new LoadedJob(jobId, def, loader, new FileSystems(def.conf()));
        } catch (RuntimeException e) {
            if (loader != null) loader.close();
            throw e;
        }
    }

    public ClassLoader classLoader() {
        return loader != null ? loader : LoadedJob.class.getClassLoader();
    }

    public void close() {
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
