package dev.mr.worker.task;

import dev.mr.api.Counters;
import dev.mr.api.Reducer;
import dev.mr.api.TaskCounter;
import dev.mr.api.TaskInfo;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.FileOutputCommitter;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.OutputFormat;
import dev.mr.api.io.RecordWriter;
import dev.mr.api.serde.Serde;
import dev.mr.api.serde.Serdes;
import dev.mr.api.spi.JobDefinition;
import dev.mr.shuffle.KeyGroups;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.ReduceMerger;
import dev.mr.shuffle.ShuffleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one reduce attempt: takes its partition of every map output from a
 * {@link ShuffleInput}, merges the sorted segments (in memory within
 * {@link TaskEnvironment#reduceMemoryBytes}, on disk beyond), groups equal keys (or keys the grouping
 * comparator calls equal), calls the user's reducer once per group, and writes through the
 * output format into the attempt's temporary output directory, to be committed by whoever
 * decides commits. In skip mode ({@link TaskEnvironment#skipMode}) a key group whose reduce throws,
 * or that an earlier attempt died on, is skipped, named by its key (see {@link RecordSkipper}).
 * Confined to the calling thread, apart from {@link #recordsReduced}, which any thread may read. Interrupting the thread stops the task (checked every
 * {@value #CHECK_EVERY} groups) with an {@link InterruptedException}.
 */
public final class ReduceTask {

    private final TaskEnvironment env;
    private final ShuffleInput input;
    private final Counters counters = new Counters();
    private final TaskProgress progress = new TaskProgress();
    /** Set once every map output is fetched and merged: from then on a silent reducer may be hung; before, it waits on maps and disks. */
    private volatile boolean reducing;
    /** Input records reduced so far, published every {@value #CHECK_EVERY} groups for progress reports from other threads. */
    private volatile long recordsReduced;

    /** Groups between two looks at the thread's interrupt flag and two progress updates. */
    static final int CHECK_EVERY = 256;

    public ReduceTask(TaskEnvironment env, ShuffleInput input) {
        if (env.attempt().task().map()) throw new IllegalArgumentException("not a reduce attempt: " + env.attempt());
        this.env = env;
        this.input = input;
    }

    /** The task's counters: complete once {@link #run} has returned. */
    public Counters counters() {
        return counters;
    }

    /** Input records (values) reduced so far, published now and then while the task runs; safe to call from any thread. */
    /** Its signs of life (values read, records written, progress calls); safe to call from any thread. */
    public TaskProgress progress() {
        return progress;
    }

    /** Whether it is past the shuffle, reducing; safe to call from any thread. */
    public boolean reducing() {
        return reducing;
    }

    public long recordsReduced() {
        return recordsReduced;
    }

    public void run() throws Exception {
        JobDefinition def = env.job();
        int partition = env.attempt().task().index();
        Serdes serdes = def.newSerdes();
        @SuppressWarnings("unchecked")
        Serde<Object> keySerde = (Serde<Object>) serdes.forClass(def.mapOutputKeyClass());
        @SuppressWarnings("unchecked")
        Serde<Object> valueSerde = (Serde<Object>) serdes.forClass(def.mapOutputValueClass());
        KeyOrder order = KeyOrder.of(def, keySerde);
        Path mergeDir = Files.createDirectories(env.scratchDir().resolve("merge"));
        ShuffleSettings settings = ShuffleSettings.from(def.conf(), def.reducers(), order.sort(), mergeDir)
                .withReduceMemoryBytes(env.reduceMemoryBytes());
        TaskInfo info = env.taskInfo(null);
        @SuppressWarnings("unchecked")
        Reducer<Object, Object, Object, Object> reducer = def.instantiate(def.reducerClass(), Reducer.class);
        @SuppressWarnings("unchecked")
        OutputFormat<Object, Object> outputFormat = def.instantiate(def.outputFormatClass(), OutputFormat.class);
        FsPath file = env.committer().attemptDir(env.attempt().toString()).child(FileOutputCommitter.partName(false, partition));

        AtomicLong shuffleBytes = new AtomicLong();
        AtomicLong shuffleRawBytes = new AtomicLong();
        try (ReduceMerger merger = new ReduceMerger(settings)) {
            input.fetch(partition, (segment, fetchedBytes) -> {
                shuffleBytes.addAndGet(fetchedBytes);
                shuffleRawBytes.addAndGet(segment.rawLength());
                merger.add(segment);
            });
            counters.increment(TaskCounter.SHUFFLE_BYTES, shuffleBytes.get());
            counters.increment(TaskCounter.SHUFFLE_RAW_BYTES, shuffleRawBytes.get());
            try (MergedRecords records = merger.finish();
                 RecordWriter<Object, Object> writer = outputFormat.writer(file, new FormatContext(def.conf(), env.fileSystems(), serdes));
                 RecordSkipper skipper = RecordSkipper.of(env, counters)) {
                reducing = true; // merged: from here on, silence is the reducer's own
                OutputEmitter emitter = new OutputEmitter(writer);
                TaskContext<Object, Object> context = new TaskContext<>(def.conf(), info, counters, emitter, progress);
                KeyGroups groups = new KeyGroups(records, order.grouping());
                GroupValues<Object> values = new GroupValues<>(groups, valueSerde, progress);
                reducer.setup(context);
                while (groups.nextGroup()) {
                    values.reset();
                    progress.tick();
                    Object key = keySerde.read(groups.keyBuffer(), groups.keyOffset(), groups.keyLength());
                    if (skipper == null) reducer.reduce(key, values, context);
                    else reduceOrSkip(reducer, key, values, context, skipper);
                    if (groups.groups() % CHECK_EVERY == 0) {
                        recordsReduced = groups.values();
                        if (Thread.currentThread().isInterrupted()) throw new InterruptedException("reduce attempt " + env.attempt() + " was interrupted");
                    }
                }
                recordsReduced = groups.values();
                reducer.cleanup(context);
                counters.increment(TaskCounter.REDUCE_INPUT_GROUPS, groups.groups());
                counters.increment(TaskCounter.REDUCE_INPUT_RECORDS, groups.values());
                counters.increment(TaskCounter.OUTPUT_RECORDS, emitter.records);
                counters.increment(TaskCounter.OUTPUT_BYTES, writer.bytesWritten());
            }
        }
    }

    /** Skip mode: reduces the group unless an earlier attempt died on it; skips it, its values drained, if its reduce throws. */
    private static void reduceOrSkip(Reducer<Object, Object, Object, Object> reducer, Object key, GroupValues<Object> values,
                                     TaskContext<Object, Object> context, RecordSkipper skipper) throws Exception {
        String id = RecordSkipper.show(key);
        if (skipper.knownBad(id)) {
            skipper.skip(id, Long.toString(values.drain()), null);
            return;
        }
        skipper.entering(id);
        try {
            reducer.reduce(key, values, context);
        } catch (Exception e) {
            if (!RecordSkipper.skippable(e)) throw e;
            skipper.skip(id, Long.toString(values.drain()), e);
            return;
        }
        skipper.left();
    }
}
