package dev.mr.shuffle;

import java.nio.file.Path;
import java.util.Objects;

/** A segment stored as {@code length} bytes of {@code file} from {@code offset}. The file stays its owner's. Immutable. */
public record FileSegment(Path file, long offset, long length) implements Segment {

    public FileSegment {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("segment of " + file + " at " + offset + " length " + length);
        }
    }

    public static FileSegment whole(Path file, long length) {
        return new FileSegment(file, 0, length);
    }
}
