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
    /**
     * Files shipped with the job ({@code -files}): comma-separated {@code path[#alias]}, the alias
     * defaulting to the file's name; a task finds each with {@link Context#cacheFile}.
     */
    public static final String JOB_FILES = "mr.job.files";
    /** Jars shipped with the job ({@code -libjars}), on its tasks' class path: comma-separated paths. */
    public static final String JOB_LIBJARS = "mr.job.libjars";
    /**
     * Archives shipped with the job ({@code -archives}): comma-separated {@code path[#alias]} of
     * {@code .zip} or {@code .jar} files, each unpacked into a directory that {@link Context#cacheFile}
     * finds under its alias.
     */
    public static final String JOB_ARCHIVES = "mr.job.archives";

    // --- partitioner: total order (see TotalOrderPartitioner and InputSampler)
    /**
     * The cut points of {@link TotalOrderPartitioner}: {@code mr.reducers - 1} map output keys,
     * serialized and in the job's sort order, as one base64 string; written by
     * {@link InputSampler#writePartitionFile}.
     */
    public static final String PARTITIONER_CUTS = "mr.partitioner.cuts";
    /** The class of the keys in {@link #PARTITIONER_CUTS}: it must be the job's map output key class. */
    public static final String PARTITIONER_CUTS_KEY_CLASS = "mr.partitioner.cuts.key.class";
    /**
     * The largest {@link #PARTITIONER_CUTS} {@link InputSampler#writePartitionFile} writes, in bytes
     * of base64 (default 1048576): the cuts travel in the job's settings to every worker.
     */
    public static final String PARTITIONER_CUTS_MAX_BYTES = "mr.partitioner.cuts.max.bytes";
    public static final int PARTITIONER_CUTS_MAX_BYTES_DEFAULT = 1 << 20;

    // --- where it runs
    /** {@code local} runs in-process; {@code cluster} submits to {@link #MASTER}. */
    public static final String FRAMEWORK = "mr.framework";
    /** The master's URL; the {@code MR_MASTER} environment variable is the fallback. */
    public static final String MASTER = "mr.master";
    /**
     * How long a client of the master (mr-submit, a driver's {@code waitForCompletion}, the dfs
     * client) keeps trying while the master is unreachable, as through a restart, before it gives
     * up; 0 gives up at the first failure (default 900000, 15 minutes: see
     * {@link dev.mr.api.spi.MasterRetryPolicy#DEFAULT_MAX_MS}). Workers never give up.
     */
    public static final String CLIENT_RETRY_MAX_MS = "mr.client.retry.max.ms";
    /** Scheme of paths given without one: {@code file} or {@code dfs} (default file). */
    public static final String DEFAULT_FS = "mr.fs.default";
    public static final String LOCAL_THREADS = "mr.local.threads";
    /** Scratch directory of the local runner (default: the system temp directory). */
    public static final String LOCAL_DIR = "mr.local.dir";

    // --- input (how these combine: dev.mr.api.io.SplitSizing)
    /**
     * The largest split in MiB (default 128, as Spark's {@code spark.sql.files.maxPartitionBytes});
     * a split is never larger than its file's block either (a dfs chunk).
     */
    public static final String SPLIT_MAX_MB = "mr.input.split.max.mb";
    public static final long SPLIT_MAX_MB_DEFAULT = 128;
    /**
     * What opening a file costs, counted as this many MiB of reading (default 4, as Spark's
     * {@code spark.sql.files.openCostInBytes}): the smallest split the slots may ask for, and what
     * each small file weighs on top of its length when files are packed.
     */
    public static final String OPEN_COST_MB = "mr.input.open.cost.mb";
    public static final long OPEN_COST_MB_DEFAULT = 4;
    /**
     * The split count the sizing aims for, in place of {@link #SLOTS}: the input is divided by it
     * (splits of at most its bytes plus open costs over this), and packing never leaves fewer
     * splits than this or the number of files, whichever is less. Default: the slots.
     */
    public static final String MIN_SPLITS = "mr.input.min.splits";
    /**
     * The map slots that will run the job, set by the framework when it computes splits (a cluster:
     * the slots of its live workers, asked of the master at submission; the local runner:
     * {@link #LOCAL_THREADS}); a user's value is replaced. Unset: splits as large as allowed.
     */
    public static final String SLOTS = "mr.input.slots";
    /**
     * An explicit split size in bytes, as Hadoop's: splittable files are cut at exactly this size
     * (a last piece under 10% of it joins the one before) whatever the slots, and small files are
     * packed up to it by their bytes alone. Unset: the sizing rule of dev.mr.api.io.SplitSizing.
     */
    public static final String SPLIT_SIZE = "mr.input.split.size";
    /**
     * An explicit packing target: small whole files are packed into splits of up to this many
     * bytes (their lengths alone, no open cost, no floor); {@code 0} gives every file its own
     * split. Unset: {@link #SPLIT_SIZE} if set, else the sizing rule's split size.
     */
    public static final String PACK_SIZE = "mr.input.pack.size";

    // --- output
    /**
     * Compresses the files of a line-writing output format ({@link dev.mr.api.io.TextOutputFormat}):
     * {@code gzip}, {@code zstd}, {@code bzip2}, {@code lz4} or {@code none} (the default); each
     * part file takes the codec's extension ({@code part-r-00000.gz}). zstd, bzip2 and lz4 need
     * the module {@code mr-codecs}. Input needs no setting: a file's extension says how to read it.
     */
    public static final String OUTPUT_COMPRESS = "mr.output.compress";

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
    /**
     * How spills, map output files and reduce-side merge runs are stored: {@code none}, {@code lz4}
     * or {@code zstd} (level 1), in blocks of 128 KiB of records. Readers take the codec from each
     * map output's index, so only the map side reads this.
     */
    public static final String MAP_OUTPUT_COMPRESS = "mr.map.output.compress";
    /** Chosen from {@code scripts/mr-bench shuffle-compress}: see the README's "Map output compression". */
    public static final String MAP_OUTPUT_COMPRESS_DEFAULT = "lz4";
    /** Unset: half of the task slot's share of the heap, at least {@link #REDUCE_MEMORY_MB_DEFAULT} and at most 2048. */
    public static final String REDUCE_MEMORY_MB = "mr.reduce.memory.mb";
    /** The least reduce memory a task gets when the job does not set {@link #REDUCE_MEMORY_MB}. */
    public static final int REDUCE_MEMORY_MB_DEFAULT = 256;
    // --- isolation: where a task runs on a worker, and what stops it
    /**
     * {@code process} (the default) runs a job's tasks on a worker in a JVM of their own, the
     * executor, that the worker daemon starts and can kill; {@code thread} runs them on threads of
     * the worker daemon, as before executors existed. The local runner always uses threads.
     */
    public static final String EXECUTOR = "mr.executor";
    /** The executor's heap, {@code -Xmx} in MiB; default: the worker's {@code --memory}. */
    public static final String EXECUTOR_MEMORY_MB = "mr.executor.memory.mb";
    /** More options for the executor's JVM, split on spaces (for example {@code -XX:+UseParallelGC}). */
    public static final String EXECUTOR_JAVA_OPTS = "mr.executor.java.opts";
    /** An executor with no attempt for this long exits (default 60000); the job's end stops it at once. */
    public static final String EXECUTOR_IDLE_MS = "mr.executor.idle.ms";
    public static final long EXECUTOR_IDLE_MS_DEFAULT = 60_000;
    /**
     * An attempt that reads no record, writes none and calls no {@link Context#progress()} for this
     * long is killed and fails (default 600000, as Hadoop's {@code mapreduce.task.timeout}; 0: never).
     */
    public static final String TASK_TIMEOUT_MS = "mr.task.timeout.ms";
    public static final long TASK_TIMEOUT_MS_DEFAULT = 600_000;
    /** How long a killed attempt has to stop after its interrupt before its executor is killed (default 10000). */
    public static final String TASK_KILL_GRACE_MS = "mr.task.kill.grace.ms";
    public static final long TASK_KILL_GRACE_MS_DEFAULT = 10_000;
    /**
     * Skip mode for maps, as Hadoop's {@code SkipBadRecords}: at most this many input records of
     * the whole job may be skipped (default 0: skip mode is off). A task that failed twice runs in
     * skip mode: a record whose map throws, or during which the executor dies, is skipped, written
     * under {@code <output>/_skipped/} and counted in {@code SKIPPED_RECORDS}.
     */
    public static final String SKIP_MAP_RECORDS_MAX = "mr.skip.map.records.max";
    /** As {@link #SKIP_MAP_RECORDS_MAX}, for reduce groups (a key and its values). */
    public static final String SKIP_REDUCE_GROUPS_MAX = "mr.skip.reduce.groups.max";
    /**
     * Failed attempts of a task after which its next attempts run in skip mode (default 2, as
     * Hadoop's {@code mapreduce.task.skip.start.attempts}; 0: from the first attempt), when the
     * limit of its kind ({@link #SKIP_MAP_RECORDS_MAX} or {@link #SKIP_REDUCE_GROUPS_MAX}) is above 0.
     */
    public static final String SKIP_START_ATTEMPTS = "mr.skip.start.attempts";
}
