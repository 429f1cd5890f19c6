package dev.mr.api.io;

import dev.mr.api.fs.FsPath;
import java.io.IOException;

/**
 * Writes a task's output records into one file. The framework picks the file
 * ({@code part-r-NNNNN} in the attempt's temporary directory) and commits it.
 */
public interface OutputFormat<K, V> {

    RecordWriter<K, V> writer(FsPath file, FormatContext context) throws IOException;
}
