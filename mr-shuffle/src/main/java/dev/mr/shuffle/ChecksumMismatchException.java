package dev.mr.shuffle;

import java.io.IOException;

/**
 * A segment's bytes do not match the CRC32C its index gives: the data was damaged on disk or on
 * the way. The reader should report it and get the segment from elsewhere (or have the map re-run),
 * never use it.
 */
public final class ChecksumMismatchException extends IOException {

    public ChecksumMismatchException(String message) {
        super(message);
    }
}
