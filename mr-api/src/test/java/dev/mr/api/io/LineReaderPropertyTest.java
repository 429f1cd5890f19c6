package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * LineReader finds newlines eight bytes at a time, so a newline at any position within a word
 * of eight, bytes that only look like one (0x0A in other bit patterns, 0x8A, 0x0B, 0x09), and a
 * newline in the last bytes of a buffer fill must all be found exactly. Checked against the
 * byte-by-byte parse of {@link TextSplitBoundaryTest#parse} for random inputs read through small
 * buffers that fill and grow often.
 */
class LineReaderPropertyTest {

    private static final long SEED = 20261126L;

    @Test
    void findsTheSameLinesAsAByteByByteParse() throws IOException {
        Random r = new Random(SEED);
        byte[] alphabet = {'\n', '\n', '\r', 'a', 'z', ' ', 0x0B, 0x09, (byte) 0x8A, (byte) 0xCA, 0x1A, 0x0A ^ 0x01, (byte) 0xFF, 0};
        for (int round = 0; round < 3000; round++) {
            byte[] data = new byte[r.nextInt(200)];
            int newlineEvery = 1 + r.nextInt(40);
            for (int i = 0; i < data.length; i++) {
                data[i] = r.nextInt(newlineEvery) == 0 ? (byte) '\n' : alphabet[2 + r.nextInt(alphabet.length - 2)];
            }
            int bufferSize = 1 + r.nextInt(24);
            List<String> expected = new ArrayList<>();
            for (TextSplitBoundaryTest.Line l : TextSplitBoundaryTest.parse(data)) expected.add(l.offset() + ":" + hex(l.text()));
            List<String> got = new ArrayList<>();
            try (LineReader lines = new LineReader(dribble(data, r), bufferSize)) {
                long offset = 0;
                int consumed;
                while ((consumed = lines.readLine()) >= 0) {
                    String text = new String(lines.buffer(), lines.lineStart(), lines.lineLength(), StandardCharsets.UTF_8);
                    got.add(offset + ":" + hex(text));
                    offset += consumed;
                }
                assertEquals(data.length, offset, "seed " + SEED + " round " + round);
            }
            assertEquals(expected, got, "seed " + SEED + " round " + round + ", buffer " + bufferSize + ", data " + Arrays.toString(data));
        }
    }

    @Test
    void indexOfNewlineFindsTheFirstAtEveryPosition() {
        for (int len = 0; len <= 24; len++) {
            for (int at = 0; at < len; at++) {
                byte[] b = new byte[len];
                Arrays.fill(b, (byte) 0x0B);
                b[at] = '\n';
                if (at + 3 < len) b[at + 3] = '\n';
                for (int from = 0; from <= len; from++) {
                    assertEquals(from <= at ? at : (from <= at + 3 && at + 3 < len ? at + 3 : -1),
                            LineReader.indexOfNewline(b, from, len), "len " + len + " at " + at + " from " + from);
                }
            }
        }
    }

    /** A stream that returns fewer bytes than asked, as files over a network may. */
    private static InputStream dribble(byte[] data, Random r) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(Math.max(1, len))));
            }
        };
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%02x", x));
        return sb.toString();
    }
}
