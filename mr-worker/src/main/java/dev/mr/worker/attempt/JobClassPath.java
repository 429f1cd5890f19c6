package dev.mr.worker.attempt;

import dev.mr.api.InvalidJobException;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.spi.ShippedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.io.file.PathUtils;

/**
 * A job's class path, as Hadoop's {@code RunJar} builds it: the job's jar, the jars in its
 * {@code lib/} directory (unpacked, since a class loader cannot read a jar inside a jar), then
 * the jars shipped with {@code -libjars}. Workers unpack {@code lib/} once per jar into their
 * cache; the submitting side and the local runner into a temporary directory ({@link #forClient}).
 * Stateless.
 */
public final class JobClassPath {

    private JobClassPath() {}

    /**
     * Copies each {@code lib/*.jar} of {@code jar} into {@code dir} (created when there are any);
     * returns them by name (none: empty), the order a worker's class path has them in too.
     */
    public static List<Path> unpackLib(Path jar, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (JarFile jf = open(jar)) {
            Enumeration<JarEntry> en = jf.entries();
            while (en.hasMoreElements()) {
                JarEntry e = en.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith("lib/") || !name.endsWith(".jar") || name.indexOf('/', 4) >= 0) continue;
                Path target = Files.createDirectories(dir).resolve(name.substring(4));
                try (InputStream in = jf.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                out.add(target);
            }
        }
        out.sort(null);
        return out;
    }

    private static JarFile open(Path jar) throws IOException {
        try {
            return new JarFile(jar.toFile(), false);
        } catch (ZipException e) {
            throw new InvalidJobException(jar + " is not a jar (" + e.getMessage() + "): give the jar that holds the job's classes");
        }
    }

    /**
     * Unpacks a zip or jar into {@code dir} (created), refusing an entry that would land outside it.
     */
    public static void unpack(Path archive, Path dir) throws IOException {
        Path root = Files.createDirectories(dir).toAbsolutePath().normalize();
        try (ZipFile zf = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) throw new IOException("the archive " + archive.getFileName() + " has an entry outside it: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zf.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** A class loader over {@code jars}, in order, under {@code parent}. */
    public static URLClassLoader loader(String name, List<Path> jars, ClassLoader parent) throws MalformedURLException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
        return new URLClassLoader(name, urls, parent);
    }

    /**
     * The job's class path where no worker cache is: the submitting side (which loads the job's
     * classes to check them and compute splits) and the local runner. Its {@code lib/} jars are
     * unpacked into a temporary directory that {@link #close} deletes with the loader.
     *
     * @param loader the job's jar, its {@code lib/} and its libjars under the given loader; that
     *               loader itself when the job has neither
     */
    public record Client(ClassLoader loader, Path unpacked) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            if (loader instanceof URLClassLoader u && unpacked != null) {
                u.close();
                PathUtils.deleteDirectory(unpacked);
            }
        }
    }

    /** See {@link Client}; reads {@link ConfKeys#JOB_JAR} and {@link ConfKeys#JOB_LIBJARS} of {@code conf}. */
    public static Client forClient(Configuration conf, ClassLoader parent) throws IOException {
        List<Path> jars = new ArrayList<>();
        String jobJar = conf.get(ConfKeys.JOB_JAR);
        Path jar = jobJar == null ? null : Path.of(jobJar);
        Path tmp = Files.createTempDirectory("mr-job-lib-");
        try {
            List<Path> lib = jar != null && Files.isRegularFile(jar) ? unpackLib(jar, tmp) : List.of();
            List<Path> libjars = new ArrayList<>();
            for (ShippedFiles.Entry e : ShippedFiles.parse(ShippedFiles.Kind.LIBJAR, conf.get(ConfKeys.JOB_LIBJARS))) libjars.add(e.local());
            if (lib.isEmpty() && libjars.isEmpty()) {
                PathUtils.deleteDirectory(tmp);
                return new Client(parent, null);
            }
            if (jar != null) jars.add(jar);
            jars.addAll(lib);
            jars.addAll(libjars);
            return new Client(loader("job " + (jar == null ? "" : jar.getFileName()), jars, parent), tmp);
        } catch (IOException | RuntimeException e) {
            PathUtils.deleteDirectory(tmp);
            throw e;
        }
    }
}
