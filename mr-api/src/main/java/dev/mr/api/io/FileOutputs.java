package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.fs.CreateOptions;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.compress.Codec;
import dev.mr.api.io.compress.Codecs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** Opens an output file the way every file output format does: buffered, with the job's replication. */
final class FileOutputs {

    private static final int BUFFER = 256 << 10;

    private FileOutputs() {}

    static OutputStream create(FsPath file, FormatContext context) throws IOException {
        return new BufferedOutputStream(raw(file, context), BUFFER);
    }

    /**
     * Opens a text output file as the job asks: plain, or with {@code mr.output.compress} set (see
     * {@link Codecs#forOutput}) compressed and named with the codec's extension
     * ({@code part-r-00000.gz}), as Hadoop's text outputs are.
     */
    static OutputStream createText(FsPath file, FormatContext context) throws IOException {
        Optional<Codec> codec = Codecs.forOutput(context.conf());
        return codec.isPresent()
                ? create(file.parent().child(file.name() + codec.get().extension()), context, codec.get())
                : create(file, context);
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
