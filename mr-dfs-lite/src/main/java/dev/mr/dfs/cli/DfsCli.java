package dev.mr.dfs.cli;

import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.security.ClusterSecret;
import dev.mr.security.ClientTls;
import dev.mr.security.Credentials;
import dev.mr.security.CredentialsException;
import dev.mr.api.Configuration;
import dev.mr.dfs.DfsPaths;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.protocol.FileInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mr-dfs}: the store from a shell, with the habits of {@code hadoop fs}. Subcommands
 * {@code put get cat ls rm mkdir mv cp stat fsck} ({@code cp} between any two stores, through
 * {@link dev.mr.api.fs.FileSystems}); the master from {@code --master URL} or
 * {@code MR_MASTER}. Exit status 0 on success, 1 on failure (with a message naming the
 * problem), 2 on a usage error; {@code fsck} exits 1 when data is missing or corrupt.
 *
 * <p>{@link #run} takes its streams and environment as arguments, so tests drive it in-process.
 */
@Command(name = "mr-dfs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads and writes the mr chunk store (dfs:/ paths);", "cp copies between any two stores (file:, dfs:, hdfs:, s3a:)."},
        subcommands = {PutCommand.class, GetCommand.class, CatCommand.class, LsCommand.class, RmCommand.class,
            MkdirCommand.class, MvCommand.class, CpCommand.class, StatCommand.class, FsckCommand.class})
public final class DfsCli implements Callable<Integer> {

    @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The master, e.g. http://host:port (default: the MR_MASTER environment variable).")
    String master;

    @Option(names = "--tls-ca", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The cluster's CA (PEM), to trust an https:// master and its chunk servers (default: the MR_TLS_CA environment variable).")
    java.nio.file.Path tlsCa;

    @Option(names = "-D", scope = ScopeType.INHERIT, paramLabel = "key=value", description = "A setting, e.g. -D dfs.io.timeout.ms=5000.")
    Map<String, String> settings = new LinkedHashMap<>();

    PrintStream out;
    PrintStream err;
    Map<String, String> env;
    boolean interactive;
    private DfsClient client;

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv(), System.console() != null);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {
        DfsCli cli = new DfsCli();
        cli.out = out;
        cli.err = err;
        cli.env = env;
        cli.interactive = interactive;
        CommandLine cl = new CommandLine(cli);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("mr-dfs: " + message(e));
            return 1;
        });
        try {
            return cl.execute(args);
        } finally {
            if (cli.client != null) cli.client.close();
            out.flush();
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such local file: " + m;
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "local file exists: " + m + " (use -f to overwrite)";
        return m == null ? e.toString() : m;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return 2;
    }

    DfsClient client() {
        if (client != null) return client;
        Configuration conf = settings();
        String url = conf.get(dev.mr.api.ConfKeys.MASTER);
        if (url == null || url.isBlank()) throw new IllegalArgumentException("no master: give --master http://host:port or set MR_MASTER");
        Credentials credentials;
        try {
            credentials = Credentials.find(conf::get);
        } catch (CredentialsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        client = new DfsClient(url.trim(), DfsSettings.from(conf), credentials, LocalServers.ofThisProcess());
        return client;
    }

    /**
     * The {@code -D} settings, with the master ({@code --master} or {@code MR_MASTER}), the cluster
     * secret or token and the TLS CA this command was given through its flags or environment: what
     * a store opened through {@link dev.mr.api.fs.FileSystems} reads.
     */
    Configuration settings() {
        Configuration conf = new Configuration(settings);
        if (master != null) conf.set(dev.mr.api.ConfKeys.MASTER, master);
        else setIfAbsent(conf, dev.mr.api.ConfKeys.MASTER, env.get("MR_MASTER"));
        setIfAbsent(conf, ClusterSecret.PROPERTY, env.get(ClusterSecret.ENV));
        setIfAbsent(conf, Credentials.TOKEN_PROPERTY, env.get(Credentials.TOKEN_ENV));
        setIfAbsent(conf, ClientTls.PROPERTY, tlsCa != null ? tlsCa.toString() : env.get(ClientTls.ENV));
        return conf;
    }

    private static void setIfAbsent(Configuration conf, String key, String value) {
        if (conf.get(key) == null && value != null && !value.isBlank()) conf.set(key, value);
    }

    /** Parses a dfs path as typed; refuses {@code ..}, empty segments and control characters. */
    static String path(String text) {
        return DfsPaths.parse(text).path();
    }

    static String show(String wirePath) {
        return "dfs:" + wirePath;
    }

    static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    static String name(String wirePath) {
        return wirePath.substring(wirePath.lastIndexOf('/') + 1);
    }

    /** Names starting with {@code _} or {@code .} are job bookkeeping ({@code _SUCCESS}, {@code _temporary}), not data. */
    static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }

    /** The files a directory's data lives in: its visible files, in name order (not descending). */
    List<FileInfo> dataFiles(String dir) throws IOException {
        List<FileInfo> out = new ArrayList<>();
        for (FileInfo f : client().list(dir).entries()) {
            if (!f.directory() && !hidden(name(f.path()))) out.add(f);
        }
        return out;
    }

    /** The status of a path, or null when it does not exist. */
    FileInfo statusOrNull(String path) throws IOException {
        try {
            return client().status(path);
        } catch (IOException e) {
            if (DfsClient.notFound(e)) return null;
            throw e;
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Parses {@code 4096}, {@code 128k}, {@code 64m}, {@code 1g}. */
    static long parseSize(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1;
        if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        if (t.endsWith("k")) mult = 1L << 10;
        else if (t.endsWith("m")) mult = 1L << 20;
        else if (t.endsWith("g")) mult = 1L << 30;
        if (mult > 1) t = t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: " + s + " (e.g. 4096, 128k, 64m, 1g)");
        }
    }
}
