package dev.mr.worker.task;

import dev.mr.api.Partitioner;
import dev.mr.api.RawPartitioner;
import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.Serde;
import dev.mr.shuffle.MapOutputCollector;
import java.io.IOException;

/**
 * Map output on its way to the shuffle: each record is serialized once into a reused
 * buffer (key, then value, so that the collector can copy both at once), given its partition (from the key bytes when the partitioner can), and copied
 * into the collector. Confined to the map task's thread.
 */
final class ShuffleEmitter implements Emitter<Object, Object> {

    private final Serde<Object> keySerde;
    private final Serde<Object> valueSerde;
    private final Partitioner<Object, Object> partitioner;
    private final RawPartitioner rawPartitioner;
    private final int partitions;
    private final MapOutputCollector collector;
    private final RecordTypes types;
    /** The record being emitted: its key's bytes, then its value's. */
    private final ByteBuilder record = new ByteBuilder(256);
    long records;
    long bytes;

    ShuffleEmitter(Serde<Object> keySerde, Serde<Object> valueSerde, Partitioner<Object, Object> partitioner,
                   int partitions, MapOutputCollector collector, RecordTypes types) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.partitioner = partitioner;
        this.rawPartitioner = partitioner instanceof RawPartitioner raw ? raw : null;
        this.partitions = partitions;
        this.collector = collector;
        this.types = types;
    }

    @Override
    public void emit(Object k, Object v) throws IOException {
        types.check(k, v);
        ByteBuilder r = record;
        r.reset();
        keySerde.write(k, r);
        int keyLen = r.length();
        valueSerde.write(v, r);
        int p = partition(k, v, keyLen);
        byte[] b = r.array();
        collector.collect(p, b, 0, keyLen, b, keyLen, r.length() - keyLen);
        records++;
        bytes += r.length();
    }

    private int partition(Object k, Object v, int keyLen) {
        if (partitions == 1) return 0;
        int p = rawPartitioner != null
                ? rawPartitioner.partition(record.array(), 0, keyLen, partitions)
                : partitioner.partition(k, v, partitions);
        if (p < 0 || p >= partitions) {
            throw new IllegalArgumentException("partitioner " + partitioner.getClass().getName() + " returned partition " + p
                    + " for " + partitions + " reducers; it must return 0.." + (partitions - 1));
        }
        return p;
    }
}
