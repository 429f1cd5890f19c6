package dev.mr.api;

import dev.mr.api.fs.FileSystems;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputFormat;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.RecordReader;
import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.Serde;
import dev.mr.api.serde.Serdes;
import dev.mr.api.spi.JobDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A job's input as {@link InputSampler}'s samplers read it, on the submitting side: the splits
 * its input format makes (as the job will get them), each read with that format and its keys
 * serialized with the job's map output key serde. A key of another type than the map output
 * key is refused, naming both. Holds the job's filesystems and its class loader as the
 * thread's context loader until closed; confined to that thread.
 */
final class SampledInput implements InputSampler.Splits, AutoCloseable {

    private final JobDefinition def;
    private final FileSystems fileSystems;
    private final FormatContext context;
    private final InputFormat<Object, Object> format;
    private final List<InputSplit> splits;
    private final Serde<Object> keySerde;
    private final ClassLoader previousLoader;

    private SampledInput(JobDefinition def, FileSystems fileSystems, ClassLoader previousLoader) throws IOException {
        this.def = def;
        this.fileSystems = fileSystems;
        this.previousLoader = previousLoader;
        Serdes serdes = def.newSerdes();
        this.context = new FormatContext(def.conf(), fileSystems, serdes);
        @SuppressWarnings("unchecked")
        InputFormat<Object, Object> f = def.instantiate(def.inputFormatClass(), InputFormat.class);
        this.format = f;
        try {
            this.splits = format.splits(context);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        @SuppressWarnings("unchecked")
        Serde<Object> s = (Serde<Object>) serdes.forClass(def.mapOutputKeyClass());
        this.keySerde = s;
    }

    static SampledInput open(JobDefinition def) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(def.loader());
        FileSystems fs = new FileSystems(def.conf());
        try {
            return new SampledInput(def, fs, previous);
        } catch (IOException | RuntimeException e) {
            fs.close();
            thread.setContextClassLoader(previous);
            throw e;
        }
    }

    Serde<Object> keySerde() {
        return keySerde;
    }

    @Override
    public int count() {
        return splits.size();
    }

    @Override
    public InputSampler.Keys open(int split) throws IOException {
        RecordReader<Object, Object> reader = format.reader(splits.get(split), context);
        Class<?> keyType = boxed(def.mapOutputKeyClass());
        ByteBuilder scratch = new ByteBuilder();
        return new InputSampler.Keys() {
            @Override
            public byte[] next() throws IOException {
                if (!reader.next()) return null;
                Object key = reader.key();
                if (!keyType.isInstance(key)) {
                    throw new InvalidJobException("InputSampler samples the input's keys, but " + def.inputFormatClass().getName()
                            + " reads keys of " + key.getClass().getName() + " and the job's map output key is "
                            + def.mapOutputKeyClass().getName() + ": sample with an input format whose keys are the map output keys");
                }
                scratch.reset();
                keySerde.write(key, scratch);
                return scratch.toByteArray();
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static Class<?> boxed(Class<?> c) {
        if (c == long.class) return Long.class;
        if (c == int.class) return Integer.class;
        if (c == double.class) return Double.class;
        if (c == boolean.class) return Boolean.class;
        return c;
    }

    @Override
    public void close() throws IOException {
        try {
            fileSystems.close();
        } finally {
            Thread.currentThread().setContextClassLoader(previousLoader);
        }
    }
}
