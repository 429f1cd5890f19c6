package dev.mr.api.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every word of map output goes through ByteCopy up to three times, and its short path reads and
 * writes past the bytes it was asked for: these tests pin down that the copied bytes are exact at
 * every length and position, including the ends of both arrays, and that nothing past 16 bytes
 * from the target offset is touched.
 */
class ByteCopyTest {

    @Test
    void copiesExactlyTheGivenBytesAtEveryLengthAndOffsetUpToTheArraysEnds() {
        Random rnd = new Random(7);
        byte[] src = new byte[40];
        rnd.nextBytes(src);
        for (int len = 0; len <= 20; len++) {
            for (int off = 0; off + len <= src.length; off++) {
                for (int at : new int[] {0, 3, 40 - len, 40 - Math.max(len, 16)}) {
                    if (at < 0 || at + len > 40) continue;
                    byte[] dst = new byte[40];
                    Arrays.fill(dst, (byte) 0x5A);
                    byte[] before = src.clone();
                    ByteCopy.copy(src, off, dst, at, len);
                    String where = "len " + len + ", from " + off + " to " + at;
                    assertArrayEquals(Arrays.copyOfRange(src, off, off + len), Arrays.copyOfRange(dst, at, at + len), where);
                    assertArrayEquals(before, src, "the source is unchanged, " + where);
                    for (int i = 0; i < at; i++) assertEquals((byte) 0x5A, dst[i], "byte " + i + " before the copy, " + where);
                    for (int i = Math.max(at + len, at + 16); i < dst.length; i++) {
                        assertEquals((byte) 0x5A, dst[i], "byte " + i + " past the copy's 16 bytes, " + where);
                    }
                }
            }
        }
    }

    @Test
    void copiesWithinOneArrayToALaterRecordSlot() {
        // ByteBuilder and the combine batch copy from another array; a builder may also append its own bytes
        byte[] b = new byte[64];
        for (int i = 0; i < b.length; i++) b[i] = (byte) i;
        ByteCopy.copy(b, 0, b, 32, 10);
        for (int i = 0; i < 10; i++) assertEquals((byte) i, b[32 + i]);
    }
}
