package dev.mr.shuffle.merge;

import dev.mr.shuffle.io.SegmentTable;
import java.nio.file.Path;

/** A temporary file of sorted partition segments (a spill, or the result of merging spills) and where they lie. Immutable once written. */
public record Run(Path file, SegmentTable table) {

    public long bytes() {
        return table.totalBytes();
    }
}
