package dev.mr.shuffle;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.RawComparator;
import java.io.IOException;
import java.util.Arrays;

/**
 * Splits a sorted record stream into groups of consecutive records whose keys are equal by a
 * grouping comparator (the sort comparator itself, or a coarser one, as in a secondary sort):
 * the reducer's {@code (key, Iterable<values>)} calls are built on it.
 *
 * <p>Usage: {@code while (nextGroup()) { keyBuffer()...; while (nextValue()) { valueBuffer()...; } }}.
 * {@link #keyBuffer} is the group's first key, copied, stable until the next group;
 * {@link #currentKeyBuffer} is the key of the current value's record, which may differ within
 * a group when the grouping is coarser than the sort. A group's unread values are skipped by
 * the next {@link #nextGroup}. Nothing is allocated per record.
 *
 * <p>Confined to one thread.
 */
public final class KeyGroups {

    private static final int BEFORE_FIRST = 0;
    private static final int IN_GROUP = 1;
    private static final int GROUP_END = 2;

    private final MergedRecords records;
    private final RawComparator grouping;
    private final boolean bytewise;
    private byte[] key = new byte[64];
    private int keyLen;
    private boolean started;
    private boolean hasRecord;
    private int state = GROUP_END;
    private long groups;
    private long values;

    public KeyGroups(MergedRecords records, RawComparator grouping) {
        this.records = records;
        this.grouping = grouping;
        this.bytewise = grouping instanceof BytesComparator;
    }

    /** Moves to the next group, skipping what is left of the current one; false at the end. */
    public boolean nextGroup() throws IOException {
        if (!started) {
            started = true;
            hasRecord = records.next();
        } else {
            while (nextValue()) {
                // skip the rest of the group
            }
        }
        if (!hasRecord) return false;
        keyLen = records.keyLength();
        if (keyLen > key.length) key = new byte[Math.max(keyLen, 2 * key.length)];
        System.arraycopy(records.keyBuffer(), records.keyOffset(), key, 0, keyLen);
        state = BEFORE_FIRST;
        groups++;
        return true;
    }

    /** Moves to the group's next value; false at the group's end. */
    public boolean nextValue() throws IOException {
        if (!started) throw new IllegalStateException("nextValue() before nextGroup()");
        switch (state) {
            case BEFORE_FIRST -> state = IN_GROUP;
            case IN_GROUP -> {
                hasRecord = records.next();
                if (!hasRecord || !inGroup()) {
                    state = GROUP_END;
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        values++;
        return true;
    }

    private boolean inGroup() {
        int len = records.keyLength();
        int off = records.keyOffset();
        if (bytewise) return len == keyLen && Arrays.equals(records.keyBuffer(), off, off + len, key, 0, keyLen);
        return grouping.compare(records.keyBuffer(), off, len, key, 0, keyLen) == 0;
    }

    public byte[] keyBuffer() {
        return key;
    }

    public int keyOffset() {
        return 0;
    }

    public int keyLength() {
        return keyLen;
    }

    /** The current value's own key (valid after {@link #nextValue} returned true). */
    public byte[] currentKeyBuffer() {
        return records.keyBuffer();
    }

    public int currentKeyOffset() {
        return records.keyOffset();
    }

    public int currentKeyLength() {
        return records.keyLength();
    }

    public byte[] valueBuffer() {
        return records.valueBuffer();
    }

    public int valueOffset() {
        return records.valueOffset();
    }

    public int valueLength() {
        return records.valueLength();
    }

    /** Groups started so far (the reduce input groups counter). */
    public long groups() {
        return groups;
    }

    /** Values visited so far, skipped ones included (the reduce input records counter). */
    public long values() {
        return values;
    }
}
