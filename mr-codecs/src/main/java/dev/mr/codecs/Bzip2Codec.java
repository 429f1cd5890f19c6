package dev.mr.codecs;

import dev.mr.api.io.compress.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * bzip2 through Apache Commons Compress, in pure Java (there is no maintained JNI binding of
 * libbzip2): concatenated streams (as {@code pbzip2} and {@code cat a.bz2 b.bz2} make) read as
 * one, blocks of 900 kB as {@code bzip2 -9}, the tool's default. Every block's CRC is checked.
 */
public final class Bzip2Codec implements Codec {

    @Override
    public String name() {
        return "bzip2";
    }

    @Override
    public String extension() {
        return ".bz2";
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new BZip2CompressorInputStream(in, true);
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        return new BZip2CompressorOutputStream(out);
    }
}
