package dev.mr.api;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.Serde;
import dev.mr.api.serde.Serdes;

/**
 * The default partitioner: a 32-bit Murmur3 hash of the key's serialized bytes, modulo the
 * number of partitions. It depends only on the bytes, so it is the same on every JVM and
 * machine, for every key type.
 */
public final class HashPartitioner<K, V> implements Partitioner<K, V>, RawPartitioner {

    @Override
    @SuppressWarnings("unchecked")
    public int partition(K key, V value, int numPartitions) {
        Serde<K> serde = (Serde<K>) Serdes.builtin(key.getClass());
        if (serde == null) {
            throw new IllegalArgumentException("HashPartitioner called directly with a " + key.getClass().getName()
                    + " key: only built-in key types can be hashed outside a task");
        }
        ByteBuilder out = new ByteBuilder();
        serde.write(key, out);
        return partitionOf(out.array(), 0, out.length(), numPartitions);
    }

    @Override
    public int partition(byte[] key, int off, int len, int numPartitions) {
        return partitionOf(key, off, len, numPartitions);
    }

    public static int partitionOf(byte[] key, int off, int len, int numPartitions) {
        return (murmur3(key, off, len) & Integer.MAX_VALUE) % numPartitions;
    }

    /** MurmurHash3 x86 32-bit, seed 0. */
    public static int murmur3(byte[] data, int off, int len) {
        final int c1 = 0xcc9e2d51, c2 = 0x1b873593;
        int h = 0;
        int end = off + (len & ~3);
        for (int i = off; i < end; i += 4) {
            int k = (data[i] & 0xFF) | ((data[i + 1] & 0xFF) << 8) | ((data[i + 2] & 0xFF) << 16) | (data[i + 3] << 24);
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        switch (len & 3) {
            case 3:
                k = (data[end + 2] & 0xFF) << 16;
            case 2:
                k |= (data[end + 1] & 0xFF) << 8;
            case 1:
                k |= data[end] & 0xFF;
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
            default:
        }
        h ^= len;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
