package dev.mr.shuffle;

import java.io.IOException;

/**
 * The serialized values of one key, visited once in order. The current value is
 * {@code buffer()[offset(), offset() + length())}, valid until the next call to {@link #next}.
 */
public interface RawValues {

    boolean next() throws IOException;

    byte[] buffer();

    int offset();

    int length();
}
