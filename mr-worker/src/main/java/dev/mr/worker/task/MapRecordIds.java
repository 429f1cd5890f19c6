package dev.mr.worker.task;

/**
 * Names the records of a map's split in skip mode, as they come: {@code path:offset}, the
 * record's file and where it starts in it, when the reader can tell
 * ({@link dev.mr.api.io.RecordReader#recordPosition}); else {@code path#ordinal}, its index among
 * the records of that file in this split (0 for the first). Both are the same in every attempt of
 * the task, which reads the same split in the same order. A split that reads no file is named by
 * its task ({@code job_0001_m_000003#17}). Confined to the task's thread.
 */
final class MapRecordIds {

    private final String noFile;
    private String path;
    private long ordinal;

    MapRecordIds(String task) {
        this.noFile = task;
    }

    /** The id of the next record, read from {@code path} (null: no file) at {@code position} (-1: unknown). */
    String next(String path, long position) {
        String p = path == null ? noFile : path;
        if (!p.equals(this.path)) {
            this.path = p;
            ordinal = 0;
        }
        long o = ordinal++;
        return position >= 0 ? p + ":" + position : p + "#" + o;
    }
}
