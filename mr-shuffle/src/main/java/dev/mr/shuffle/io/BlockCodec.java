package dev.mr.shuffle.io;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.mr.shuffle.ShuffleCodec;
import java.io.Closeable;
import java.io.IOException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Compresses and decompresses one block at a time, between byte arrays the caller reuses, for
 * one {@link ShuffleCodec}. LZ4 uses lz4-java's fastest safe implementations (native when it
 * loads, else pure Java; the decompressor never reads or writes outside the ranges it is given,
 * whatever the input); Zstandard uses zstd-jni at level 1 with one context each way, reused for
 * every block (a context holds native memory: {@link #close} frees it).
 *
 * <p>Confined to one thread.
 */
abstract class BlockCodec implements Closeable {

    /** The Zstandard level: the fastest, which still compresses text about as well as level 3 does here. */
    static final int ZSTD_LEVEL = 1;

    static BlockCodec open(ShuffleCodec codec) {
        return switch (codec) {
            case LZ4 -> new Lz4();
            case ZSTD -> new Zstd();
            case NONE -> throw new IllegalArgumentException("no block codec for " + codec);
        };
    }

    /** The largest output {@link #compress} can produce for {@code rawLength} bytes. */
    abstract int maxCompressedLength(int rawLength);

    /** Compresses {@code src[off, off+len)} into {@code dst} from {@code dstOff}; returns the compressed length. */
    abstract int compress(byte[] src, int off, int len, byte[] dst, int dstOff);

    /**
     * Decompresses {@code src[off, off+len)} into exactly {@code rawLength} bytes of {@code dst}
     * at {@code dstOff}; any other outcome is an {@link IOException} saying what went wrong.
     */
    abstract void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int rawLength) throws IOException;

    @Override
    public void close() {}

    private static final class Lz4 extends BlockCodec {

        private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
        private final LZ4Compressor compressor = FACTORY.fastCompressor();
        private final LZ4SafeDecompressor decompressor = FACTORY.safeDecompressor();

        @Override
        int maxCompressedLength(int rawLength) {
            return compressor.maxCompressedLength(rawLength);
        }

        @Override
        int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
            return compressor.compress(src, off, len, dst, dstOff, dst.length - dstOff);
        }

        @Override
        void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int rawLength) throws IOException {
            int n;
            try {
                n = decompressor.decompress(src, off, len, dst, dstOff, rawLength);
            } catch (LZ4Exception e) {
                throw new IOException("lz4 block does not decompress: " + e.getMessage());
            }
            if (n != rawLength) throw new IOException("lz4 block decompresses to " + n + " bytes, not " + rawLength);
        }
    }

    private static final class Zstd extends BlockCodec {

        private final ZstdCompressCtx compressor = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
        private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();

        @Override
        int maxCompressedLength(int rawLength) {
            return (int) com.github.luben.zstd.Zstd.compressBound(rawLength);
        }

        @Override
        int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
            return compressor.compressByteArray(dst, dstOff, dst.length - dstOff, src, off, len);
        }

        @Override
        void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int rawLength) throws IOException {
            int n;
            try {
                n = decompressor.decompressByteArray(dst, dstOff, rawLength, src, off, len);
            } catch (ZstdException e) {
                throw new IOException("zstd block does not decompress: " + e.getMessage());
            }
            if (n != rawLength) throw new IOException("zstd block decompresses to " + n + " bytes, not " + rawLength);
        }

        @Override
        public void close() {
            compressor.close();
            decompressor.close();
        }
    }
}
