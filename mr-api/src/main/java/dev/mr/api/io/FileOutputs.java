package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.fs.CreateOptions;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.compress.Codec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Opens an output file the way every file output format does: buffered, with the job's replication. */
final class FileOutputs {

    private static final int BUFFER = 256 << 10;

    private FileOutputs() {}

    static OutputStream create(FsPath file, FormatContext context) throws IOException {
        return new BufferedOutputStream(raw(file, context), BUFFER);
    }

    /**
     * Opens {@code file} compressed by {@code codec}; the caller has given the file the codec's
     * extension. Buffered on both sides: records arrive small, and some codecs (bzip2) write
     * their output a byte at a time.
     */
    static OutputStream create(FsPath file, FormatContext context, Codec codec) throws IOException {
        OutputStream raw = new BufferedOutputStream(raw(file, context), BUFFER);
        try {
            return new BufferedOutputStream(codec.compress(raw), BUFFER);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static OutputStream raw(FsPath file, FormatContext context) throws IOException {
        int replication = context.conf().getInt(ConfKeys.OUTPUT_REPLICATION, 0);
        return context.fileSystems().get(file).create(file, new CreateOptions(replication, 0));
    }
}
