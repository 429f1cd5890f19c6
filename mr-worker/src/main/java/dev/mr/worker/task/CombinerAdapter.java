package dev.mr.worker.task;

import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.Reducer;
import dev.mr.api.TaskInfo;
import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.Serde;
import dev.mr.shuffle.CombineFunction;
import dev.mr.shuffle.RawValues;
import dev.mr.shuffle.RecordSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Runs the user's combiner ({@code Reducer<K, V, K, V>}) on serialized map output for the
 * shuffle: decodes the key and, lazily, each value; serializes what the combiner writes
 * into the shuffle's sink. {@code setup} runs before the first call, {@code cleanup} at
 * {@link #close}. Confined to the map task's thread.
 */
final class CombinerAdapter implements CombineFunction, AutoCloseable {

    private final Reducer<Object, Object, Object, Object> combiner;
    private final Serde<Object> keySerde;
    private final Serde<Object> valueSerde;
    private final RecordTypes types;
    private final TaskContext<Object, Object> context;
    private final ByteBuilder key = new ByteBuilder(256);
    private final ByteBuilder value = new ByteBuilder(256);
    private final Values values = new Values();
    private RecordSink sink;
    private boolean setUp;

    CombinerAdapter(Reducer<Object, Object, Object, Object> combiner, Serde<Object> keySerde, Serde<Object> valueSerde,
                    RecordTypes types, Configuration conf, TaskInfo info, Counters counters, TaskProgress progress) {
        this.combiner = combiner;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.types = types;
        this.context = new TaskContext<>(conf, info, counters, this::emit, progress);
    }

    @Override
    public void combine(byte[] keyBuf, int keyOff, int keyLen, RawValues raw, RecordSink out) throws IOException {
        try {
            if (!setUp) {
                setUp = true;
                combiner.setup(context);
            }
            sink = out;
            values.start(raw);
            combiner.reduce(keySerde.read(keyBuf, keyOff, keyLen), values, context);
            while (values.hasNext()) values.skip();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("combiner " + combiner.getClass().getName() + " failed: " + e, e);
        }
    }

    private void emit(Object k, Object v) throws IOException {
        types.check(k, v);
        key.reset();
        keySerde.write(k, key);
        value.reset();
        valueSerde.write(v, value);
        sink.write(key.array(), 0, key.length(), value.array(), 0, value.length());
    }

    @Override
    public void close() throws Exception {
        if (setUp) combiner.cleanup(context);
    }

    /** The values of one combine call, decoded as the combiner iterates. */
    private final class Values implements Iterable<Object>, Iterator<Object> {
        private RawValues raw;
        private boolean peeked;
        private boolean more;

        void start(RawValues r) {
            raw = r;
            peeked = false;
        }

        @Override
        public Iterator<Object> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            if (!peeked) {
                try {
                    more = raw.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                peeked = true;
            }
            return more;
        }

        void skip() {
            peeked = false;
        }

        @Override
        public Object next() {
            if (!hasNext()) throw new NoSuchElementException();
            peeked = false;
            return valueSerde.read(raw.buffer(), raw.offset(), raw.length());
        }
    }
}
