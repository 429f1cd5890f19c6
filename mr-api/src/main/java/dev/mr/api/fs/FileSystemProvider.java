package dev.mr.api.fs;

import dev.mr.api.Configuration;
import java.io.IOException;

/**
 * Makes the {@link FileSystem} of one scheme; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mr.api.fs.FileSystemProvider}).
 */
public interface FileSystemProvider {

    String scheme();

    FileSystem open(Configuration conf) throws IOException;
}
