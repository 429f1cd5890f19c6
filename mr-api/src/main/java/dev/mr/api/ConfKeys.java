package dev.mr.api;

/**
 * The settings the framework reads. A job is nothing but a {@link Configuration}, so each
 * {@link Job} builder method has a key here and can equally be given as {@code -D key=value}.
 */
public final class ConfKeys {

    private ConfKeys() {}

    // --- the job definition
    public static final String JOB_NAME = "mr.job.name";
    /** Path of the jar holding the job's classes (set by {@link Job#jar} or {@link Job#jarByClass}). */
    public static final String JOB_JAR = "mr.job.jar";
    public static final String MAPPER = "mr.mapper.class";
    public static final String COMBINER = "mr.combiner.class";
    public static final String REDUCER = "mr.reducer.class";
    public static final String PARTITIONER = "mr.partitioner.class";
    public static final String INPUT_FORMAT = "mr.input.format.class";
    /** Comma-separated input paths: files or directories. */
    public static final String INPUT_PATHS = "mr.input.paths";
    public static final String OUTPUT_FORMAT = "mr.output.format.class";
    public static final String OUTPUT_PATH = "mr.output.path";
    /** Replace an existing output directory instead of refusing the job (default false). */
    public static final String OUTPUT_OVERWRITE = "mr.output.overwrite";
    /** Copies to keep of each output block (default: the filesystem's; TeraSort sets 1). */
    public static final String OUTPUT_REPLICATION = "mr.output.replication";
    /** Number of reduce tasks; 0 makes a map-only job (default 1). */
    public static final String REDUCERS = "mr.reducers";
    public static final String MAP_OUTPUT_KEY = "mr.map.output.key.class";
    public static final String MAP_OUTPUT_VALUE = "mr.map.output.value.class";
    public static final String OUTPUT_KEY = "mr.output.key.class";
    public static final String OUTPUT_VALUE = "mr.output.value.class";
    public static final String SORT_COMPARATOR = "mr.sort.comparator.class";
    public static final String GROUPING_COMPARATOR = "mr.grouping.comparator.class";
    /** Comma-separated user classes registered with Kryo, in this order, on every JVM. */
    public static final String KRYO_CLASSES = "mr.kryo.classes";

    // --- where it runs
    /** {@code local} runs in-process; {@code cluster} submits to {@link #MASTER}. */
    public static final String FRAMEWORK = "mr.framework";
    /** The master's URL; the {@code MR_MASTER} environment variable is the fallback. */
    public static final String MASTER = "mr.master";
    /** Scheme of paths given without one: {@code file} or {@code dfs} (default file). */
    public static final String DEFAULT_FS = "mr.fs.default";
    public static final String LOCAL_THREADS = "mr.local.threads";
    /** Scratch directory of the local runner (default: the system temp directory). */
    public static final String LOCAL_DIR = "mr.local.dir";

    // --- input
    /** Target split size in bytes; default: the file's block size (64 MiB for dfs, 128 MiB for file). */
    public static final String SPLIT_SIZE = "mr.input.split.size";
    /**
     * Small whole files are packed into one split of up to this many bytes, so that many small
     * files do not each cost a map task; default: the split size in effect ({@link #SPLIT_SIZE}, or
     * the smallest block size of the input files); {@code 0} gives every file its own split.
     */
    public static final String PACK_SIZE = "mr.input.pack.size";

    // --- shuffle
    public static final String SORT_BUFFER_MB = "mr.sort.buffer.mb";
    /**
     * Room for the map output of a whole default split (128 MiB of records and their sort index,
     * under the spill threshold), so that a map whose output is as large as its input spills once.
     * Hadoop's 100 made TeraSort's maps spill twice and merge. The buffer grows as records come,
     * so maps with little output never take it all.
     */
    public static final int SORT_BUFFER_MB_DEFAULT = 200;
    public static final String SORT_SPILL_PERCENT = "mr.sort.spill.percent";
    public static final double SORT_SPILL_PERCENT_DEFAULT = 0.8;
    public static final String SORT_FACTOR = "mr.sort.factor";
    public static final int SORT_FACTOR_DEFAULT = 64;
    /** Unset: half of the task slot's share of the heap, at least {@link #REDUCE_MEMORY_MB_DEFAULT} and at most 2048. */
    public static final String REDUCE_MEMORY_MB = "mr.reduce.memory.mb";
    /** The least reduce memory a task gets when the job does not set {@link #REDUCE_MEMORY_MB}. */
    public static final int REDUCE_MEMORY_MB_DEFAULT = 256;
}
