package dev.mr.jobs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Splits text into words at the whitespace Hadoop's WordCount splits on (space, tab,
 * newline, carriage return, form feed), as {@code java.util.StringTokenizer} would, without
 * its overhead.
 */
final class Words {

    private static final long SEPARATORS = 1L << ' ' | 1L << '\t' | 1L << '\n' | 1L << '\r' | 1L << '\f';
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Words() {}

    static boolean isSeparator(char c) {
        return c <= ' ' && ((SEPARATORS >>> c) & 1) != 0;
    }

    /** The same test on one byte of UTF-8 text, where no byte of a multi-byte character is below 0x80. */
    static boolean isSeparator(byte b) {
        return b <= ' ' && b >= 0 && ((SEPARATORS >>> b) & 1) != 0;
    }

    /** The first byte of {@code b[from, end)} that is not a separator, or {@code end}. */
    static int wordStart(byte[] b, int from, int end) {
        int i = from;
        while (i < end && isSeparator(b[i])) i++;
        return i;
    }

    /** The first separator of {@code b[from, end)}, or {@code end}; eight bytes a step, as words are mostly letters. */
    static int wordEnd(byte[] b, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long x = (long) LONG_LE.get(b, i);
            // flags the bytes below 0x21; the lowest flag is exact (a borrow only runs upwards)
            long low = (x - 0x2121212121212121L) & ~x & 0x8080808080808080L;
            if (low == 0) {
                i += 8;
                continue;
            }
            int j = i + (Long.numberOfTrailingZeros(low) >>> 3);
            if (isSeparator(b[j])) return j;
            i = j + 1; // a control byte that is not a separator belongs to the word
        }
        while (i < end && !isSeparator(b[i])) i++;
        return i;
    }

    static void forEach(String line, Consumer<String> word) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) i++;
            int start = i;
            while (i < n && !isSeparator(line.charAt(i))) i++;
            if (i > start) word.accept(line.substring(start, i));
        }
    }
}
