package dev.mr.api.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteBuilder#writeUtf8} has its own encoder (an ASCII fast path, then a hand-written
 * one for the rest) so that non-ASCII words cost no objects. Keys compare and partition as
 * these bytes, so they must equal the JDK's encoding exactly, for any string: ASCII, Latin-1,
 * BMP, paired and unpaired surrogates, at any position and after earlier content.
 */
class Utf8EncodingPropertyTest {

    private static final long SEED = 20261126L;

    @Test
    void encodesLikeTheJdkForRandomStrings() {
        Random r = new Random(SEED);
        ByteBuilder out = new ByteBuilder(16);
        for (int round = 0; round < 20_000; round++) {
            String s = randomString(r);
            byte[] prefix = new byte[r.nextInt(4)];
            r.nextBytes(prefix);
            out.reset();
            out.write(prefix);
            out.writeUtf8(s);
            byte[] expected = concat(prefix, s.getBytes(StandardCharsets.UTF_8));
            assertArrayEquals(expected, out.toByteArray(), () -> "seed " + SEED + ", string " + codeUnits(s));
        }
    }

    @Test
    void encodesEveryCharOnItsOwnAndAfterAscii() {
        ByteBuilder out = new ByteBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            for (String s : new String[] {String.valueOf((char) c), "ab" + (char) c, (char) c + "z"}) {
                out.reset();
                out.writeUtf8(s);
                assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), out.toByteArray(), codeUnits(s));
            }
        }
    }

    private static String randomString(Random r) {
        int n = r.nextInt(r.nextInt(8) == 0 ? 300 : 12);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(7)) {
                case 0, 1 -> sb.append((char) (0x20 + r.nextInt(0x5F)));
                case 2 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 3 -> sb.append((char) (0x800 + r.nextInt(0xF800)));
                case 4 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                case 5 -> sb.append((char) (Character.MIN_SURROGATE + r.nextInt(0x800))); // often unpaired
                default -> sb.append((char) r.nextInt(0x100));
            }
        }
        return sb.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String codeUnits(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) sb.append(String.format("\\u%04x", (int) s.charAt(i)));
        return sb.toString();
    }
}
