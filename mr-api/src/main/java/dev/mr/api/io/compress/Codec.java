package dev.mr.api.io.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A compression format of whole files, chosen for input by a file's extension and for output
 * by {@code mr.output.compress}. gzip is built in ({@link GzipCodec}); the module
 * {@code mr-codecs} adds zstd, bzip2 and lz4, which {@link Codecs} finds through
 * {@link java.util.ServiceLoader} (list an implementation in
 * {@code META-INF/services/dev.mr.api.io.compress.Codec}; it needs a public no-arg constructor).
 *
 * <p>Implementations are stateless and thread-safe; the streams they return are confined to one thread.
 */
public interface Codec {

    /** The name {@code mr.output.compress} takes: {@code gzip}, {@code zstd}, {@code bzip2}, {@code lz4}. */
    String name();

    /** The file extension with its dot, as the format's own tool writes it: {@code .gz}, {@code .zst}. */
    String extension();

    /**
     * The uncompressed bytes of {@code in}, which holds one or more concatenated compressed
     * members or frames (as {@code cat a.gz b.gz} makes), read to its end. Closing the result closes {@code in}.
     * A stream that is corrupt or ends inside a member throws an {@link IOException} when read.
     */
    InputStream decompress(InputStream in) throws IOException;

    /** A stream that compresses into {@code out}; closing it finishes the format and closes {@code out}. */
    OutputStream compress(OutputStream out) throws IOException;
}
