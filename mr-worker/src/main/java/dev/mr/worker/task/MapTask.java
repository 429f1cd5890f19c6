package dev.mr.worker.task;

import dev.mr.api.Counters;
import dev.mr.api.Mapper;
import dev.mr.api.Partitioner;
import dev.mr.api.Reducer;
import dev.mr.api.TaskCounter;
import dev.mr.api.TaskInfo;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.FileOutputCommitter;
import dev.mr.api.io.OutputCommitter;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputFormat;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.MultiFileRecordReader;
import dev.mr.api.io.OutputFormat;
import dev.mr.api.io.RecordReader;
import dev.mr.api.io.RecordWriter;
import dev.mr.api.serde.Serde;
import dev.mr.api.serde.Serdes;
import dev.mr.api.spi.JobDefinition;
import dev.mr.shuffle.MapOutputCollector;
import dev.mr.shuffle.ShuffleSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one map attempt: reads its split through the input format, calls the user's mapper
 * on every record, and sends the output either into the shuffle (one sorted, indexed output
 * file per attempt, combined when the job has a combiner) or, in a map-only job, straight
 * into the output format under the attempt's temporary output directory. A split that packs
 * several small files is read file by file, and the mapper's {@code context.task().inputPath()}
 * follows the file being read. The same code runs
 * in the local runner and in the worker daemon. In skip mode ({@link TaskEnvironment#skipMode}) a
 * record whose map throws, or that an earlier attempt died on, is skipped (see {@link RecordSkipper})
 * and named as {@link MapRecordIds} says. Confined to the calling thread, apart from
 * {@link #inputBytesRead}, which any thread may read. Interrupting the thread stops the task
 * (checked every {@value #CHECK_EVERY} records) with an {@link InterruptedException}.
 */
public final class MapTask {

    private final TaskEnvironment env;
    private final InputSplit split;
    private final Counters counters = new Counters();
    private final TaskProgress progress = new TaskProgress();
    /** Input bytes read so far, published every {@value #CHECK_EVERY} records for progress reports from other threads. */
    private volatile long inputBytesRead;

    /** Records between two looks at the thread's interrupt flag and two progress updates. */
    static final int CHECK_EVERY = 256;

    public MapTask(TaskEnvironment env, InputSplit split) {
        if (!env.attempt().task().map()) throw new IllegalArgumentException("not a map attempt: " + env.attempt());
        this.env = env;
        this.split = split;
    }

    /** The task's counters: complete once {@link #run} has returned. */
    public Counters counters() {
        return counters;
    }

    /** Its signs of life (records read and written, progress calls); safe to call from any thread. */
    public TaskProgress progress() {
        return progress;
    }

    /** Input bytes read so far (published now and then while the task runs); safe to call from any thread. */
    public long inputBytesRead() {
        return inputBytesRead;
    }

    /**
     * Runs the attempt. Returns the map output files, or null in a map-only job (whose output
     * then waits in the attempt's directory to be committed). Throws what the user code threw.
     */
    public MapOutputFiles run() throws Exception {
        JobDefinition def = env.job();
        Serdes serdes = def.newSerdes();
        FormatContext format = new FormatContext(def.conf(), env.fileSystems(), serdes);
        @SuppressWarnings("unchecked")
        InputFormat<Object, Object> inputFormat = def.instantiate(def.inputFormatClass(), InputFormat.class);
        @SuppressWarnings("unchecked")
        Mapper<Object, Object, Object, Object> mapper = def.instantiate(def.mapperClass(), Mapper.class);
        TaskInfo info = env.taskInfo(split.path());
        return def.mapOnly() ? runMapOnly(def, format, inputFormat, mapper, info) : runWithShuffle(def, serdes, format, inputFormat, mapper, info);
    }

    private MapOutputFiles runMapOnly(JobDefinition def, FormatContext format, InputFormat<Object, Object> inputFormat,
                                      Mapper<Object, Object, Object, Object> mapper, TaskInfo info) throws Exception {
        OutputCommitter committer = env.committer();
        FsPath file = committer.attemptDir(env.attempt().toString())
                .child(FileOutputCommitter.partName(true, env.attempt().task().index()));
        @SuppressWarnings("unchecked")
        OutputFormat<Object, Object> outputFormat = def.instantiate(def.outputFormatClass(), OutputFormat.class);
        try (RecordWriter<Object, Object> writer = outputFormat.writer(file, format)) {
            OutputEmitter emitter = new OutputEmitter(writer);
            runMapper(inputFormat, format, mapper, new TaskContext<>(def.conf(), info, counters, emitter, progress));
            counters.increment(TaskCounter.OUTPUT_RECORDS, emitter.records);
            counters.increment(TaskCounter.OUTPUT_BYTES, writer.bytesWritten());
        }
        return null;
    }

    private MapOutputFiles runWithShuffle(JobDefinition def, Serdes serdes, FormatContext format, InputFormat<Object, Object> inputFormat,
                                          Mapper<Object, Object, Object, Object> mapper, TaskInfo info) throws Exception {
        @SuppressWarnings("unchecked")
        Serde<Object> keySerde = (Serde<Object>) serdes.forClass(def.mapOutputKeyClass());
        @SuppressWarnings("unchecked")
        Serde<Object> valueSerde = (Serde<Object>) serdes.forClass(def.mapOutputValueClass());
        KeyOrder order = KeyOrder.of(def, keySerde);
        RecordTypes types = new RecordTypes(def.mapOutputKeyClass(), def.mapOutputValueClass(), "map output");
        Path spillDir = Files.createDirectories(env.scratchDir().resolve("spill"));
        ShuffleSettings settings = ShuffleSettings.from(def.conf(), def.reducers(), order.sort(), spillDir);
        CombinerAdapter combiner = null;
        if (def.combinerClass() != null) {
            @SuppressWarnings("unchecked")
            Reducer<Object, Object, Object, Object> c = def.instantiate(def.combinerClass(), Reducer.class);
            combiner = new CombinerAdapter(c, keySerde, valueSerde, types, def.conf(), info, counters, progress);
        }
        @SuppressWarnings("unchecked")
        Partitioner<Object, Object> partitioner = def.instantiate(def.partitionerClass(), Partitioner.class);
        try (MapOutputCollector collector = new MapOutputCollector(settings, combiner)) {
            ShuffleEmitter emitter = new ShuffleEmitter(keySerde, valueSerde, partitioner, def.reducers(), collector, types);
            runMapper(inputFormat, format, mapper, new TaskContext<>(def.conf(), info, counters, emitter, progress));
            Path data = env.scratchDir().resolve("file.out");
            Path index = env.scratchDir().resolve("file.out.index");
            var outputIndex = collector.finish(data, index);
            if (combiner != null) combiner.close();
            counters.increment(TaskCounter.MAP_OUTPUT_RECORDS, emitter.records);
            counters.increment(TaskCounter.MAP_OUTPUT_BYTES, emitter.bytes);
            counters.increment(TaskCounter.MAP_OUTPUT_MATERIALIZED_BYTES, outputIndex.totalBytes());
            counters.increment(TaskCounter.SPILLED_RECORDS, collector.spilledRecords());
            if (combiner != null) {
                counters.increment(TaskCounter.COMBINE_INPUT_RECORDS, collector.combineInputRecords());
                counters.increment(TaskCounter.COMBINE_OUTPUT_RECORDS, collector.combineOutputRecords());
            }
            return new MapOutputFiles(data, index, outputIndex);
        }
    }

    private void runMapper(InputFormat<Object, Object> inputFormat, FormatContext format,
                           Mapper<Object, Object, Object, Object> mapper, TaskContext<Object, Object> context) throws Exception {
        long records = 0;
        try (RecordReader<Object, Object> reader = inputFormat.reader(split, format);
             RecordSkipper skipper = RecordSkipper.of(env, counters)) {
            // a packed split reads several files: the mapper must see the path of the one each record came from
            MultiFileRecordReader<Object, Object> packed = reader instanceof MultiFileRecordReader<Object, Object> m ? m : null;
            MapRecordIds ids = skipper == null ? null : new MapRecordIds(env.attempt().task().toString());
            mapper.setup(context);
            while (reader.next()) {
                records++;
                progress.tick();
                if (packed != null) context.inputPath(packed.currentPath());
                if (skipper == null) {
                    mapper.map(reader.key(), reader.value(), context);
                } else {
                    String id = ids.next(packed != null ? packed.currentPath() : split.path(), reader.recordPosition());
                    mapOrSkip(mapper, reader, context, skipper, id);
                }
                if (records % CHECK_EVERY == 0) {
                    inputBytesRead = reader.bytesRead();
                    if (Thread.currentThread().isInterrupted()) throw new InterruptedException("map attempt " + env.attempt() + " was interrupted");
                }
            }
            inputBytesRead = reader.bytesRead();
            if (packed != null) context.inputPath(packed.currentPath());
            mapper.cleanup(context);
            counters.increment(TaskCounter.MAP_INPUT_RECORDS, records);
            counters.increment(TaskCounter.MAP_INPUT_BYTES, reader.bytesRead());
        }
    }

    /** Skip mode: maps the record unless an earlier attempt died on it; skips it if its map throws. */
    private static void mapOrSkip(Mapper<Object, Object, Object, Object> mapper, RecordReader<Object, Object> reader,
                                  TaskContext<Object, Object> context, RecordSkipper skipper, String id) throws Exception {
        if (skipper.knownBad(id)) {
            skipper.skip(id, RecordSkipper.show(reader.value()), null);
            return;
        }
        skipper.entering(id);
        try {
            mapper.map(reader.key(), reader.value(), context);
        } catch (Exception e) {
            if (!RecordSkipper.skippable(e)) throw e;
            skipper.skip(id, RecordSkipper.show(reader.value()), e);
            return;
        }
        skipper.left();
    }
}
