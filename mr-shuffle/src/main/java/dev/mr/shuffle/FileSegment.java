package dev.mr.shuffle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A segment stored as {@code length} bytes of {@code file} from {@code offset}, with {@code codec};
 * its records take {@code rawLength} bytes uncompressed (equal to {@code length} for
 * {@link ShuffleCodec#NONE}). The file stays its owner's. Immutable.
 */
public record FileSegment(Path file, long offset, long length, long rawLength, ShuffleCodec codec) implements Segment {

    public FileSegment {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(codec, "codec");
        if (offset < 0 || length < 0 || rawLength < 0 || (!codec.compresses() && rawLength != length)) {
            throw new IllegalArgumentException("segment of " + file + " at " + offset + " length " + length + " raw " + rawLength
                    + " " + codec.label());
        }
    }

    /** An uncompressed segment. */
    public FileSegment(Path file, long offset, long length) {
        this(file, offset, length, length, ShuffleCodec.NONE);
    }

    @Override
    public long storedLength() {
        return length;
    }

    public static FileSegment whole(Path file, long length) {
        return new FileSegment(file, 0, length);
    }
}
