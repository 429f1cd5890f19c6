package dev.mr.api.fs;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The filesystems a job uses, opened on first use from the providers on the classpath and
 * closed together. Resolves path strings against the job's default scheme
 * ({@code mr.fs.default}, {@code file} unless set).
 *
 * <p>Thread-safe.
 */
public final class FileSystems implements AutoCloseable {

    private final Configuration conf;
    private final String defaultScheme;
    private final Map<String, FileSystem> open = new LinkedHashMap<>();

    public FileSystems(Configuration conf) {
        this.conf = conf;
        this.defaultScheme = conf.get(ConfKeys.DEFAULT_FS, LocalFileSystem.SCHEME);
    }

    public String defaultScheme() {
        return defaultScheme;
    }

    /** Parses a path as the user wrote it, e.g. {@code in/logs} or {@code dfs:/logs}. */
    public FsPath resolve(String path) {
        return FsPath.parse(path, defaultScheme);
    }

    public FileSystem get(FsPath path) {
        return get(path.scheme());
    }

    public synchronized FileSystem get(String scheme) {
        FileSystem fs = open.get(scheme);
        if (fs != null) return fs;
        if (scheme.equals(LocalFileSystem.SCHEME)) {
            fs = new LocalFileSystem(conf);
        } else {
            for (FileSystemProvider p : ServiceLoader.load(FileSystemProvider.class, FileSystems.class.getClassLoader())) {
                if (p.scheme().equals(scheme)) {
                    try {
                        fs = p.open(conf);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open the " + scheme + ": filesystem: " + e.getMessage(), e);
                    }
                    break;
                }
            }
        }
        if (fs == null) {
            throw new IllegalArgumentException("no filesystem for scheme '" + scheme + ":'; known: file:" + missingModule(scheme));
        }
        open.put(scheme, fs);
        return fs;
    }

    private static String missingModule(String scheme) {
        return switch (scheme) {
            case "dfs" -> " (dfs: needs the mr-dfs-lite module on the classpath)";
            case "hdfs", "s3a" -> " (" + scheme + ": needs the mr-hadoop module on the classpath: the scripts put it there;"
                    + " in a JVM of your own, add dev.mr:mr-hadoop)";
            default -> "";
        };
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (FileSystem fs : open.values()) {
            try {
                fs.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        open.clear();
        if (first != null) throw first;
    }
}
