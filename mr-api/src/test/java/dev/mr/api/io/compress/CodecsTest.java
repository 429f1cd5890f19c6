package dev.mr.api.io.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The choice of codec by extension decides whether a file is split and how it is read, so it
 * must match Hadoop's and never mistake a plain file for a compressed one; gzip round trips
 * across many members of any size; and a failure of the file's own stream is not reported as
 * corruption (a lost replica is not a damaged file).
 */
class CodecsTest {

    @Test
    void aFileIsCompressedByItsExtensionOnly() throws IOException {
        assertTrue(Codecs.compressed("logs.gz"));
        assertTrue(Codecs.compressed("LOGS.GZ"));
        assertTrue(Codecs.compressed("a.txt.bz2"));
        assertTrue(Codecs.compressed("a.zst"));
        assertTrue(Codecs.compressed("a.lz4"));
        for (String plain : new String[] {"a.txt", "gz", "a.gzip", "a.gz.txt", "a.zstd", "tgz"}) {
            assertFalse(Codecs.compressed(plain), plain);
            assertTrue(Codecs.forInput(plain).isEmpty(), plain);
        }
        assertEquals("gzip", Codecs.forInput("dfs:/logs/2024-01-01.log.gz").orElseThrow().name());
    }

    @Test
    void gzipRoundTripsManyMembersOfAnySize() throws IOException {
        Random r = new Random(4);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        GzipCodec gzip = new GzipCodec();
        for (int member = 0; member < 40; member++) {
            byte[] data = new byte[member % 7 == 0 ? 0 : r.nextInt(member % 3 == 0 ? 300_000 : 200)];
            for (int i = 0; i < data.length; i++) data[i] = (byte) ('a' + r.nextInt(member % 2 == 0 ? 3 : 26));
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            try (OutputStream out = gzip.compress(one)) {
                out.write(data);
            }
            file.writeBytes(one.toByteArray());
            plain.writeBytes(data);
        }
        for (int buffer : new int[] {1, 7, 18, 64 << 10}) {
            try (InputStream in = new GzipMembersInputStream(new ByteArrayInputStream(file.toByteArray()), buffer)) {
                assertArrayEquals(plain.toByteArray(), in.readAllBytes(), "buffer " + buffer);
            }
        }
    }

    @Test
    void aFailureOfTheFileItselfPassesThroughUnchanged() throws IOException {
        IOException lost = new IOException("chunk c_17 has no live replica");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw lost;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw lost;
            }
        };
        CompressedInput in = CompressedInput.open("dfs:/a.gz", failing, new GzipCodec());
        assertEquals(lost, assertThrows(IOException.class, in::read));
    }
}
