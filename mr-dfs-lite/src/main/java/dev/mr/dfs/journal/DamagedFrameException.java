package dev.mr.dfs.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A frame that is not whole and valid (see {@link Frames}): cut short, empty, of an impossible
 * length, or failing its checksum. Whether that is a torn tail to drop or damage to refuse is
 * the caller's call ({@link FrameLog#replay}); the exception only says where and what.
 */
public final class DamagedFrameException extends IOException {

    private final transient Path file;
    private final long offset;
    private final String why;

    public DamagedFrameException(Path file, long offset, String why) {
        super(file + " is damaged at offset " + offset + " (" + why + ")");
        this.file = file;
        this.offset = offset;
        this.why = why;
    }

    public Path file() {
        return file;
    }

    /** Where the damaged frame starts: everything before it read back whole. */
    public long offset() {
        return offset;
    }

    /** What is wrong with the frame, in words. */
    public String why() {
        return why;
    }
}
