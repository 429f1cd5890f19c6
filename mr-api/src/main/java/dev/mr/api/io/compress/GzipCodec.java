package dev.mr.api.io.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** gzip (RFC 1952) with the JDK's zlib: built in, so {@code .gz} needs no extra module. */
public final class GzipCodec implements Codec {

    private static final int BUFFER = 64 << 10;

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public String extension() {
        return ".gz";
    }

    @Override
    public InputStream decompress(InputStream in) {
        return new GzipMembersInputStream(in, BUFFER);
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, BUFFER);
    }
}
