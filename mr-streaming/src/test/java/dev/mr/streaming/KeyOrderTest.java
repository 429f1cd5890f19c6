package dev.mr.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The combiner's input must be in key byte order with equal keys in their first order: compared with a plain stable sort. */
class KeyOrderTest {

    @Test
    void ordersLikeAStableSortByUnsignedKeyBytes() {
        for (long seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            int count = 1 + r.nextInt(3000);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int[] starts = new int[count];
            int[] keyEnds = new int[count];
            for (int i = 0; i < count; i++) {
                starts[i] = buf.size();
                int len = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(9); // empty, short, and keys sharing 4-byte prefixes
                for (int j = 0; j < len; j++) buf.write(r.nextInt(3) == 0 ? 0 : r.nextBoolean() ? 0xff : 'a' + r.nextInt(3));
                keyEnds[i] = buf.size();
                buf.write('\t');
                buf.write('0' + r.nextInt(10)); // a value, not part of the key
            }
            byte[] b = buf.toByteArray();
            Integer[] expected = new Integer[count];
            for (int i = 0; i < count; i++) expected[i] = i;
            Arrays.sort(expected, (x, y) -> Arrays.compareUnsigned(b, starts[x], keyEnds[x], b, starts[y], keyEnds[y]));
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), KeyOrder.of(b, starts, keyEnds, count), "seed " + seed);
        }
    }
}
