package dev.mr.shuffle;

import java.io.IOException;

/**
 * A combiner seen from the shuffle: all values of one key in, zero or more records out.
 * The worker adapts the user's {@code Reducer} to this (deserializing lazily); the shuffle
 * calls it on map output before spilling and while merging spills. It may be called several
 * times for the same key; its output must be acceptable as its input.
 */
public interface CombineFunction {

    void combine(byte[] key, int keyOff, int keyLen, RawValues values, RecordSink out) throws IOException;
}
