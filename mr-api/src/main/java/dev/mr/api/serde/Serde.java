package dev.mr.api.serde;

/**
 * Turns values of one type into bytes and back. The framework serializes every map output
 * record once, sorts and merges the bytes, and deserializes only what the reducer reads.
 *
 * <p>A serde that is {@link #orderPreserving()} guarantees that comparing two encodings as
 * unsigned bytes gives the same order as the type's natural order; keys of such a type are
 * sorted without ever being deserialized.
 *
 * <p>Built-in serdes are stateless; a Kryo-backed one is confined to one thread.
 */
public interface Serde<T> {

    /** Appends the encoding of {@code value} (never null) to {@code out}. */
    void write(T value, ByteBuilder out);

    /** Decodes a value from exactly {@code len} bytes at {@code off}. */
    T read(byte[] buf, int off, int len);

    /** True when unsigned byte order of encodings equals the natural order of values. */
    default boolean orderPreserving() {
        return false;
    }

    /** The length of every encoding, or -1 when encodings vary in length. */
    default int fixedLength() {
        return -1;
    }
}
