package dev.mr.api.spi;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FsPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files a job ships with it, as its settings name them: {@code -files} ({@link ConfKeys#JOB_FILES}),
 * {@code -libjars} ({@link ConfKeys#JOB_LIBJARS}) and {@code -archives} ({@link ConfKeys#JOB_ARCHIVES}),
 * each a comma-separated list of paths, files and archives with an optional {@code #alias}. A
 * libjar is a local file ({@code file:} or plain: it goes on the driver's class path before any
 * store is open); a file or an archive may also live in any store {@link dev.mr.api.fs.FileSystems}
 * knows ({@code hdfs://nn/x}, {@code s3a://bucket/x}, {@code dfs:/x}): the submitter reads it
 * through that store ({@link ShippedFileDownloads}) and ships it as it ships a local one. Where
 * tasks run, each file and archive appears under its alias in one local directory
 * ({@link #LOCAL_DIR}), which {@link #cacheFile} looks in. Stateless.
 */
public final class ShippedFiles {

    /**
     * Set where tasks run (by the worker, or the local runner), not by users: the local directory
     * holding each shipped file and unpacked archive under its alias.
     */
    public static final String LOCAL_DIR = "mr.job.files.local.dir";

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]+:.*");

    private ShippedFiles() {}

    /** What a shipped file is for; {@link #wireName} is its {@code kind} in a job spec. */
    public enum Kind {
        FILE("-files", ConfKeys.JOB_FILES, "file"),
        LIBJAR("-libjars", ConfKeys.JOB_LIBJARS, "libjar"),
        ARCHIVE("-archives", ConfKeys.JOB_ARCHIVES, "archive");

        public final String option;
        public final String key;
        public final String wireName;

        Kind(String option, String key, String wireName) {
            this.option = option;
            this.key = key;
            this.wireName = wireName;
        }

        public static Kind ofWireName(String name) {
            for (Kind k : values()) if (k.wireName.equals(name)) return k;
            throw new IllegalArgumentException("'" + name + "' is not a kind of shipped file (file, libjar, archive)");
        }
    }

    /** One shipped file: its path as given, and the name tasks find it by (a libjar's is its file name). */
    public record Entry(Kind kind, String path, String alias) {

        /** True when the file lives in a store ({@code hdfs:}, {@code s3a:}, {@code dfs:}...), not on this machine. */
        public boolean remote() {
            return isRemote(path);
        }

        /** The file on the submitting machine; a {@link #remote} one must be downloaded first. */
        public Path local() {
            if (remote()) throw new IllegalStateException(kind.option + ": " + path + " is not on this machine; download it first");
            return localPath(kind, path);
        }
    }

    /**
     * Every file the job ships, files first, then archives, then libjars, each in the order given.
     *
     * @throws IllegalArgumentException naming the option and the entry: a path that is not local,
     *                                  an alias that is not a plain name, or two files under one alias
     */
    public static List<Entry> of(Configuration conf) {
        List<Entry> all = new ArrayList<>();
        Map<String, Entry> byAlias = new LinkedHashMap<>();
        for (Kind kind : List.of(Kind.FILE, Kind.ARCHIVE, Kind.LIBJAR)) {
            for (Entry e : parse(kind, conf.get(kind.key))) {
                if (kind != Kind.LIBJAR) {
                    Entry before = byAlias.putIfAbsent(e.alias(), e);
                    if (before != null) {
                        throw new IllegalArgumentException(kind.option + ": " + e.path() + " and " + before.path() + " are both shipped as "
                                + e.alias() + "; give one of them another name with #alias");
                    }
                }
                all.add(e);
            }
        }
        return all;
    }

    /** The entries of one option's value (null: none). */
    public static List<Entry> parse(Kind kind, String value) {
        List<Entry> out = new ArrayList<>();
        if (value == null) return out;
        for (String item : value.split(",")) {
            String t = item.trim();
            if (t.isEmpty()) continue;
            int hash = t.lastIndexOf('#');
            String path = hash < 0 ? t : t.substring(0, hash);
            String name = isRemote(path) ? remoteName(kind, path) : String.valueOf(localPath(kind, path).getFileName());
            String alias = hash < 0 || kind == Kind.LIBJAR ? name : t.substring(hash + 1);
            if (alias.isEmpty() || alias.equals(".") || alias.equals("..") || alias.contains("/") || alias.contains("\\")) {
                throw new IllegalArgumentException(kind.option + ": " + t + ": '" + alias + "' is not a plain file name to ship it as");
            }
            if (kind == Kind.ARCHIVE && !(path.endsWith(".zip") || path.endsWith(".jar"))) {
                throw new IllegalArgumentException(kind.option + ": " + path + ": only .zip and .jar archives can be unpacked");
            }
            out.add(new Entry(kind, path, alias));
        }
        return out;
    }

    /**
     * {@link #of}, and every local file exists and is readable here: what the submitter checks before
     * anything is uploaded (a {@link Entry#remote} one is checked as it is downloaded).
     *
     * @throws IllegalArgumentException naming the first file that is missing ({@code -files: /x/lookup.txt does not exist})
     */
    public static List<Entry> check(Configuration conf) {
        List<Entry> all = of(conf);
        for (Entry e : all) requireReadable(e);
        return all;
    }

    /** Throws, naming the option and the path, unless {@code e} is a readable file here (or a remote one). */
    public static void requireReadable(Entry e) {
        if (e.remote()) return;
        Path p = e.local();
        if (!Files.exists(p)) throw new IllegalArgumentException(e.kind().option + ": " + e.path() + " does not exist");
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException(e.kind().option + ": " + e.path() + " is not a file");
        if (!Files.isReadable(p)) throw new IllegalArgumentException(e.kind().option + ": " + e.path() + " is not readable");
    }

    /**
     * The local path of the file or unpacked archive shipped as {@code alias}: {@code Context.cacheFile}.
     *
     * @throws IllegalArgumentException when none was shipped under {@code alias}, naming those that were
     */
    public static Path cacheFile(Configuration conf, String alias) {
        List<String> aliases = new ArrayList<>();
        for (Entry e : of(conf)) if (e.kind() != Kind.LIBJAR) aliases.add(e.alias());
        if (!aliases.contains(alias)) {
            throw new IllegalArgumentException("no file was shipped with the job as " + alias + "; "
                    + (aliases.isEmpty() ? "none were (ship files with -files path[#alias])" : "shipped: " + String.join(", ", aliases)));
        }
        String dir = conf.get(LOCAL_DIR);
        if (dir == null) throw new IllegalStateException("the job's shipped files are not on this machine (" + LOCAL_DIR + " is not set)");
        return Path.of(dir).resolve(alias);
    }

    private static Path localPath(Kind kind, String path) {
        if (path.startsWith("file:")) {
            String rest = path.substring("file:".length());
            if (rest.startsWith("//")) rest = rest.substring(rest.indexOf('/', 2) < 0 ? rest.length() : rest.indexOf('/', 2));
            if (rest.isEmpty()) throw new IllegalArgumentException(kind.option + ": " + path + " names no file");
            return Path.of(rest);
        }
        if (path.isEmpty()) throw new IllegalArgumentException(kind.option + ": an empty path");
        return Path.of(path);
    }

    private static boolean isRemote(String path) {
        return SCHEME.matcher(path).matches() && !path.startsWith("file:");
    }

    /** The last segment of a remote path, the name it ships under without an alias; a libjar is refused. */
    private static String remoteName(Kind kind, String path) {
        if (kind == Kind.LIBJAR) {
            throw new IllegalArgumentException(kind.option + ": " + path + ": only local jars go on the class path (a plain path or file:);"
                    + " copy it here first (scripts/mr-dfs cp " + path + " file:/a/local/path.jar)");
        }
        FsPath p;
        try {
            p = FsPath.parse(path, "file");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind.option + ": " + e.getMessage(), e);
        }
        if (p.isRoot()) throw new IllegalArgumentException(kind.option + ": " + path + " names no file");
        return p.name();
    }
}
