package dev.mr.shuffle;

import dev.mr.api.serde.ByteCopy;

/**
 * A few records held back on their way into the combine table, so that their table lookups
 * can be started together: a lookup of a key that is not in cache waits for memory (about
 * 200 ns on the benchmark machine), and between two records the mapper does too much work for
 * the CPU to start the next lookup early by itself. Touching the slots of a whole batch first,
 * in a loop of independent loads, lets those waits overlap. Records keep their order.
 *
 * <p>Holds at most {@value #CAPACITY} records and their bytes in reused arrays; a record
 * longer than {@value #MAX_RECORD} bytes is not held (the caller adds it directly), so an empty
 * batch always has room for one. Confined to the map task's thread.
 */
final class PendingRecords {

    static final int CAPACITY = 128;
    static final int MAX_RECORD = 1024;

    private final byte[] bytes = new byte[8 * MAX_RECORD];
    private final int[] partitions = new int[CAPACITY];
    private final int[] keyOffsets = new int[CAPACITY];
    private final int[] keyLengths = new int[CAPACITY];
    private final int[] valueLengths = new int[CAPACITY];
    private final int[] hashes = new int[CAPACITY];
    private int used;
    private int count;

    /** Whether a record of this size may be held. */
    static boolean holds(int keyLen, int valueLen) {
        return keyLen + valueLen <= MAX_RECORD;
    }

    /** Whether a record of this size fits now; when not, the caller drains first. */
    boolean hasRoom(int keyLen, int valueLen) {
        return count < CAPACITY && used + keyLen + valueLen <= bytes.length;
    }

    /** Copies a record in; the caller checked {@link #hasRoom}. Returns true when the batch is now full. */
    boolean add(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        byte[] b = bytes;
        if (value == key && valueOff == keyOff + keyLen) {
            ByteCopy.copy(key, keyOff, b, used, keyLen + valueLen); // serialized side by side: one copy
        } else {
            System.arraycopy(key, keyOff, b, used, keyLen);
            System.arraycopy(value, valueOff, b, used + keyLen, valueLen);
        }
        partitions[count] = partition;
        keyOffsets[count] = used;
        keyLengths[count] = keyLen;
        valueLengths[count] = valueLen;
        used += keyLen + valueLen;
        count++;
        return count == CAPACITY;
    }

    int count() {
        return count;
    }

    byte[] buffer() {
        return bytes;
    }

    int partition(int i) {
        return partitions[i];
    }

    int keyOffset(int i) {
        return keyOffsets[i];
    }

    int keyLength(int i) {
        return keyLengths[i];
    }

    int valueOffset(int i) {
        return keyOffsets[i] + keyLengths[i];
    }

    int valueLength(int i) {
        return valueLengths[i];
    }

    /** The combine table's hash of record {@code i}'s key, once set (records are hashed as a batch). */
    int hash(int i) {
        return hashes[i];
    }

    /** The hashes of records [0, {@link #count}), once set. */
    int[] hashes() {
        return hashes;
    }

    void hash(int i, int hash) {
        hashes[i] = hash;
    }

    void clear() {
        used = 0;
        count = 0;
    }
}
