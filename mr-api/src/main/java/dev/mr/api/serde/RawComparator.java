package dev.mr.api.serde;

/**
 * Compares two serialized keys without deserializing them. A sort or grouping comparator
 * that implements this runs on the bytes directly; one that implements only
 * {@link java.util.Comparator} is handed deserialized keys (slower, but simpler to write).
 */
public interface RawComparator {

    int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen);
}
