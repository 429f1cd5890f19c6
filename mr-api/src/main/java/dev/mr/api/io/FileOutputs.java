package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.fs.CreateOptions;
import dev.mr.api.fs.FsPath;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Opens an output file the way every file output format does: buffered, with the job's replication. */
final class FileOutputs {

    private FileOutputs() {}

    static OutputStream create(FsPath file, FormatContext context) throws IOException {
        int replication = context.conf().getInt(ConfKeys.OUTPUT_REPLICATION, 0);
        OutputStream out = context.fileSystems().get(file).create(file, new CreateOptions(replication, 0));
        return new BufferedOutputStream(out, 256 << 10);
    }
}
