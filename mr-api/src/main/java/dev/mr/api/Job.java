package dev.mr.api;

import dev.mr.api.io.InputFormat;
import dev.mr.api.io.OutputFormat;
import dev.mr.api.spi.JobRunner;
import dev.mr.api.spi.MasterUrl;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A job definition and the way to run it, as Hadoop's {@code Job}: a driver's {@code main}
 * builds one and calls {@link #waitForCompletion}. Every setter writes a key of
 * {@link ConfKeys} into the job's {@link Configuration}, so anything here can also be given
 * as {@code -D key=value}.
 *
 * <pre>{@code
 * public static void main(String[] argv) throws Exception {
 *     GenericOptions opts = GenericOptions.parse(argv);
 *     Job job = Job.create(opts.conf())
 *             .name("word count")
 *             .jarByClass(WordCount.class)
 *             .mapper(TokenMapper.class)
 *             .combiner(SumReducer.class)
 *             .reducer(SumReducer.class)
 *             .input(opts.args().get(0))
 *             .output(opts.args().get(1));
 *     System.exit(job.waitForCompletion(true) ? 0 : 1);
 * }
 * }</pre>
 *
 * <p>Where it runs: on the cluster whose master is {@code mr.master} (or {@code --master}, or
 * the {@code MR_MASTER} environment variable), unless {@code mr.framework=local}, which runs
 * it in this process; with no master named, it runs locally. {@code scripts/mr-submit} sets
 * these as JVM system properties of the same names, which the job's own settings override.
 */
@SuppressWarnings("rawtypes") // class setters accept generic classes (TextOutputFormat.class) as well as concrete ones
public final class Job {

    private final Configuration conf;
    private ClassLoader loader;
    private JobResult result;

    private Job(Configuration conf) {
        this.conf = conf.copy();
    }

    public static Job create() {
        return new Job(new Configuration());
    }

    public static Job create(String name) {
        return create().name(name);
    }

    /** A job starting from a copy of {@code conf} (typically {@link GenericOptions#conf()}). */
    public static Job create(Configuration conf) {
        return new Job(conf);
    }

    /** The job's settings, live: changes here change the job. */
    public Configuration conf() {
        return conf;
    }

    public Job set(String key, String value) {
        conf.set(key, value);
        return this;
    }

    public Job name(String name) {
        return set(ConfKeys.JOB_NAME, name);
    }

    /** The jar holding the job's classes, shipped to the cluster. */
    public Job jar(String path) {
        return set(ConfKeys.JOB_JAR, path);
    }

    /** Uses the jar that {@code c} was loaded from (when it came from a jar) and its class loader. */
    public Job jarByClass(Class<?> c) {
        loader = c.getClassLoader();
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null && source.getLocation().getPath().endsWith(".jar")) {
            try {
                jar(Path.of(source.getLocation().toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a local jar: leave the jar unset, as for classes loaded from a directory
            }
        }
        return this;
    }

    /** Loads the job's classes with {@code loader} (default: that of the mapper class given, else the context loader). */
    public Job classLoader(ClassLoader loader) {
        this.loader = loader;
        return this;
    }

    public Job mapper(Class<? extends Mapper> c) {
        remember(c);
        return set(ConfKeys.MAPPER, c.getName());
    }

    /** A {@code Reducer<K, V, K, V>} run on map output before the shuffle; must be associative and commutative. */
    public Job combiner(Class<? extends Reducer> c) {
        remember(c);
        return set(ConfKeys.COMBINER, c.getName());
    }

    public Job reducer(Class<? extends Reducer> c) {
        remember(c);
        return set(ConfKeys.REDUCER, c.getName());
    }

    public Job partitioner(Class<? extends Partitioner> c) {
        remember(c);
        return set(ConfKeys.PARTITIONER, c.getName());
    }

    public Job inputFormat(Class<? extends InputFormat> c) {
        remember(c);
        return set(ConfKeys.INPUT_FORMAT, c.getName());
    }

    /** Adds input paths: files, or directories whose files (not starting with _ or .) are read. */
    public Job input(String... paths) {
        List<String> all = new ArrayList<>(conf.getList(ConfKeys.INPUT_PATHS));
        for (String p : paths) {
            if (p.contains(",")) throw new IllegalArgumentException("input path " + p + " contains a comma, which separates paths");
            all.add(p);
        }
        conf.setList(ConfKeys.INPUT_PATHS, all);
        return this;
    }

    public Job outputFormat(Class<? extends OutputFormat> c) {
        remember(c);
        return set(ConfKeys.OUTPUT_FORMAT, c.getName());
    }

    /** The output directory; it must not exist unless {@code mr.output.overwrite=true}. */
    public Job output(String path) {
        return set(ConfKeys.OUTPUT_PATH, path);
    }

    /** Number of reduce tasks (default 1); 0 makes a map-only job that writes {@code part-m-NNNNN}. */
    public Job reducers(int n) {
        if (n < 0) throw new IllegalArgumentException("reducers must be 0 or more: " + n);
        conf.setInt(ConfKeys.REDUCERS, n);
        return this;
    }

    /** Declares the map output types when they cannot be inferred from the Mapper's type arguments. */
    public Job mapOutput(Class<?> key, Class<?> value) {
        set(ConfKeys.MAP_OUTPUT_KEY, key.getName());
        return set(ConfKeys.MAP_OUTPUT_VALUE, value.getName());
    }

    /** Declares the job's output types when they cannot be inferred from the Reducer's type arguments. */
    public Job outputTypes(Class<?> key, Class<?> value) {
        set(ConfKeys.OUTPUT_KEY, key.getName());
        return set(ConfKeys.OUTPUT_VALUE, value.getName());
    }

    /** Orders map output keys: a {@link java.util.Comparator} of keys or a {@link dev.mr.api.serde.RawComparator}. */
    public Job sortComparator(Class<?> c) {
        remember(c);
        return set(ConfKeys.SORT_COMPARATOR, c.getName());
    }

    /** Decides which consecutive sorted keys form one {@code reduce} call (for secondary sort). */
    public Job groupingComparator(Class<?> c) {
        remember(c);
        return set(ConfKeys.GROUPING_COMPARATOR, c.getName());
    }

    /**
     * Registers user types with Kryo: for compact encoding, and so that bytes naming them are read
     * back. A job's own {@link dev.mr.api.io.InputSplit} class must be registered (split bytes
     * may name only registered classes), and so must a subclass emitted where the map output
     * declares a supertype. The order must be the same wherever the job runs.
     */
    public Job registerKryo(Class<?>... types) {
        List<String> all = new ArrayList<>(conf.getList(ConfKeys.KRYO_CLASSES));
        for (Class<?> t : types) all.add(t.getName());
        conf.setList(ConfKeys.KRYO_CLASSES, all);
        return this;
    }

    /** The loader of the job's classes, as {@link #waitForCompletion} will use it (for {@link InputSampler}). */
    ClassLoader loader() {
        return loader != null ? loader : Thread.currentThread().getContextClassLoader();
    }

    private void remember(Class<?> c) {
        if (loader == null && c.getClassLoader() != null) loader = c.getClassLoader();
    }

    /**
     * Runs the job and waits for its end.
     *
     * @param verbose print progress, then the counters and where the output is
     * @return true when the job succeeded; {@link #result()} tells more
     * @throws InvalidJobException when the job is refused before it starts (the message says why)
     */
    public boolean waitForCompletion(boolean verbose) throws IOException, InterruptedException {
        String framework = framework();
        JobRunner runner = runner(framework);
        result = runner.run(conf, loader(), verbose);
        return result.succeeded();
    }

    private String framework() {
        String f = conf.get(ConfKeys.FRAMEWORK, System.getProperty(ConfKeys.FRAMEWORK));
        if (f != null && !f.isBlank()) return f.trim();
        String master = MasterUrl.of(conf);
        if (master == null) return "local";
        conf.set(ConfKeys.MASTER, master);
        return "cluster";
    }

    /** True when {@link #waitForCompletion} will submit to a master, which reads paths without a scheme from {@code dfs:}. */
    boolean runsOnCluster() {
        String f = conf.get(ConfKeys.FRAMEWORK, System.getProperty(ConfKeys.FRAMEWORK));
        if (f != null && !f.isBlank()) return f.trim().equals("cluster");
        return MasterUrl.of(conf) != null;
    }

    private static JobRunner runner(String framework) {
        List<String> known = new ArrayList<>();
        for (JobRunner r : ServiceLoader.load(JobRunner.class, Job.class.getClassLoader())) {
            if (r.framework().equals(framework)) return r;
            known.add(r.framework());
        }
        throw new InvalidJobException("no job runner for " + ConfKeys.FRAMEWORK + "=" + framework + " on the classpath"
                + (known.isEmpty() ? " (run the job with scripts/mr-submit)" : "; available: " + String.join(", ", known)));
    }

    /** How the job ended; null before {@link #waitForCompletion} returns. */
    public JobResult result() {
        return result;
    }

    /** The job's counters once it has ended. */
    public Counters counters() {
        if (result == null) throw new IllegalStateException("the job has not run yet");
        return result.counters();
    }
}
