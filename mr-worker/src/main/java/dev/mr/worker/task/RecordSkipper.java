package dev.mr.worker.task;

import dev.mr.api.Counters;
import dev.mr.api.TaskCounter;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.OutputCommitter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skip mode for one attempt (Hadoop's {@code SkipBadRecords}): knows the records earlier attempts
 * died on, marks each record before it is handed to user code (see {@link CurrentRecord}), and
 * writes every record it skips as a line {@code <id>\t<value>} (a reduce: {@code <key>\t<values>})
 * to the attempt's own {@code <attemptDir>/_skipped/part-m-NNNNN}, counting it in
 * {@code SKIPPED_RECORDS}. The file goes wherever the attempt's output goes: a winner's reaches
 * {@code <output>/_skipped/} at the job commit (see {@link OutputCommitter}), any other attempt's
 * is discarded with it. It is created at the first skip, so an attempt that skips
 * nothing leaves none. Confined to the task's thread.
 *
 * <p>What is skipped: a record whose user code threw an {@link Exception}, unless the thread was
 * interrupted (the attempt is being killed) or the exception came from the framework writing the
 * record's output ({@link EmitFailedException}); an {@link Error} fails the attempt as ever. What the
 * record wrote before it threw stays in the output, as in Hadoop.
 */
final class RecordSkipper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordSkipper.class);

    private final Set<String> known;
    private final CurrentRecord marker;
    private final FileSystem fs;
    private final FsPath file;
    private final Counters counters;
    private final String attempt;
    private Writer out;

    private RecordSkipper(TaskEnvironment env, Counters counters) throws IOException {
        this.known = new HashSet<>(env.skipRecords());
        this.marker = CurrentRecord.create(env.scratchDir());
        OutputCommitter committer = env.committer();
        this.file = committer.skippedFile(env.attempt().toString(), env.attempt().task().map(), env.attempt().task().index());
        this.fs = env.fileSystems().get(file);
        this.counters = counters;
        this.attempt = env.attempt().toString();
    }

    /** The attempt's skipper, or null when it does not run in skip mode. */
    static RecordSkipper of(TaskEnvironment env, Counters counters) throws IOException {
        return env.skipMode() ? new RecordSkipper(env, counters) : null;
    }

    /** Whether an earlier attempt died on this record: skip it without calling user code. */
    boolean knownBad(String id) {
        return known.contains(id);
    }

    /** The record about to be handed to user code. */
    void entering(String id) {
        marker.set(id);
    }

    /** User code returned from the record. */
    void left() {
        marker.clear();
    }

    /**
     * Whether {@code e}, thrown by user code on a record, makes the record skipped rather than the
     * attempt failed.
     */
    static boolean skippable(Exception e) {
        return !(e instanceof InterruptedException) && !(e instanceof EmitFailedException) && !Thread.currentThread().isInterrupted();
    }

    /** Skips a record: one line in the attempt's skipped file, one more {@code SKIPPED_RECORDS}. */
    void skip(String id, String detail, Exception cause) throws IOException {
        marker.clear();
        if (out == null) out = new BufferedWriter(new OutputStreamWriter(fs.create(file), StandardCharsets.UTF_8));
        out.write(id);
        out.write('\t');
        out.write(detail);
        out.write('\n');
        counters.increment(TaskCounter.SKIPPED_RECORDS, 1);
        if (cause == null) LOG.info("{}: skipped record {}, which an earlier attempt died on", attempt, id);
        else LOG.warn("{}: skipped record {}: {}", attempt, id, cause.toString());
    }

    /** Finishes the skipped file (if any): call before the attempt reports success. */
    @Override
    public void close() throws IOException {
        if (out != null) {
            Writer w = out;
            out = null;
            w.close();
        }
    }

    /**
     * How a key or value shows in a record id or a skipped-records line: its {@code String.valueOf},
     * except a byte array, shown as hex (its {@code toString} differs in every JVM).
     */
    static String show(Object o) {
        return o instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(o);
    }
}
