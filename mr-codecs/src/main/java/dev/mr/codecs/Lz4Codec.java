package dev.mr.codecs;

import dev.mr.api.io.compress.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * LZ4 frames (the format of the {@code lz4} tool, not Hadoop's block format, which no tool
 * outside Hadoop reads) through lz4-java, the maintained fork at {@code at.yawk.lz4}:
 * concatenated frames read as one, 4 MiB independent blocks, each frame's content checksum
 * written and checked.
 */
public final class Lz4Codec implements Codec {

    @Override
    public String name() {
        return "lz4";
    }

    @Override
    public String extension() {
        return ".lz4";
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new LZ4FrameInputStream(in);
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        return new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB,
                LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM);
    }
}
