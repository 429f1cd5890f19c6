package dev.mr.codecs;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.mr.api.io.compress.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Zstandard through zstd-jni, the binding of the reference C library that Hadoop, Kafka and
 * Spark use: frames as the {@code zstd} tool writes and reads them, concatenated frames read as
 * one stream, each frame's content checksum written and checked. Level 3, the tool's default.
 */
public final class ZstdCodec implements Codec {

    private static final int LEVEL = 3;

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public String extension() {
        return ".zst";
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new ZstdInputStreamNoFinalizer(in);
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, LEVEL);
        z.setChecksum(true);
        return z;
    }
}
