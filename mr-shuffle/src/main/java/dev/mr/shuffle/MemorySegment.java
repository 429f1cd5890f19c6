package dev.mr.shuffle;

import java.util.Objects;

/**
 * A segment held in memory: {@code bytes[offset, offset + length)}. The array must not change
 * while the segment is in use; a {@link ReduceMerger} keeps it until it merges it to disk or is closed.
 * Immutable, but shares the array rather than copying it.
 */
public record MemorySegment(byte[] bytes, int offset, int length) implements Segment {

    public MemorySegment {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
    }

    /** Memory segments are never compressed. */
    @Override
    public long storedLength() {
        return length;
    }

    @Override
    public long rawLength() {
        return length;
    }

    public static MemorySegment of(byte[] bytes) {
        return new MemorySegment(bytes, 0, bytes.length);
    }
}
