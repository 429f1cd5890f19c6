package dev.mr.api;

/**
 * What a running {@link Mapper} or {@link Reducer} sees of the framework: where its output
 * goes, its counters, the job's settings and which task it is.
 *
 * <p>Confined to the task's thread.
 *
 * @param <K> output key type
 * @param <V> output value type
 */
public interface Context<K, V> {

    /**
     * Emits one record. The key and value are serialized before this returns, so the
     * caller may reuse or mutate them afterwards. Neither may be null.
     */
    void write(K key, V value);

    /** A user counter, created at zero on first use; totals are summed over successful tasks. */
    Counter counter(String group, String name);

    /** The job's settings: everything set on the {@link Job} and every {@code -D key=value}. */
    Configuration conf();

    /** Which job, task and attempt this is. */
    TaskInfo task();

    /**
     * Tells the framework the task is alive though it reads and writes nothing for a while (a long
     * computation on one record): an attempt that reads no record, writes none and calls this for
     * {@code mr.task.timeout.ms} is killed, as Hadoop's {@code context.progress()} prevents.
     */
    default void progress() {}

    /**
     * Sets the task's status message, as Hadoop's {@code context.setStatus}: the latest one shows
     * on the attempt in the master's API and web page ({@code statusMessage}) while it runs and
     * after it ended. Kept as one line of at most 256 characters; it also counts as
     * {@link #progress()}. For a sign of where a long task is ("merged 3 of 8 files"), not for data.
     */
    default void status(String message) {}

    /**
     * The local path of a file shipped with the job under {@code alias} ({@code -files
     * lookup.txt#alias}, see {@link ConfKeys#JOB_FILES}; the alias defaults to the file's name).
     * The file may be shared with other tasks: read it, do not change it.
     *
     * @throws IllegalArgumentException when no file was shipped under {@code alias}, naming those that were
     */
    default java.nio.file.Path cacheFile(String alias) {
        throw new IllegalArgumentException("no file was shipped with the job as " + alias + " (ship it with -files)");
    }
}
