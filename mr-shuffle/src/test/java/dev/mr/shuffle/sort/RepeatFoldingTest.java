package dev.mr.shuffle.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.serde.BytesComparator;
import dev.mr.shuffle.CombineFunction;
import dev.mr.shuffle.merge.Combining;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A run of n repeats folded by squaring must give what one combine over all n values gives,
 * for every n, and must leave the combine counters as if the n values went in and one came
 * out; a combiner that does not fold two values into one must leave everything untouched.
 */
class RepeatFoldingTest {

    private static final byte[] KEY = "word".getBytes(StandardCharsets.UTF_8);

    /** Sums 8-byte counts, as WordCount's combiner does with its ones. */
    private static final CombineFunction SUM = (key, keyOff, keyLen, values, out) -> {
        long sum = 0;
        while (values.next()) sum += ByteBuffer.wrap(values.buffer(), values.offset(), values.length()).getLong();
        out.write(key, keyOff, keyLen, ByteBuffer.allocate(8).putLong(sum).array(), 0, 8);
    };

    /** Keeps every value: two in, two out. */
    private static final CombineFunction KEEP = (key, keyOff, keyLen, values, out) -> {
        while (values.next()) out.write(key, keyOff, keyLen, values.buffer(), values.offset(), values.length());
    };

    @Test
    void aFoldedRunEqualsOneCombineOverAllItsValues() throws Exception {
        Combining combining = new Combining(SUM, BytesComparator.INSTANCE, true);
        RepeatFolding folding = new RepeatFolding(combining);
        byte[] three = ByteBuffer.allocate(8).putLong(3).array();
        long in = 0;
        for (long n = 2; n <= 3000; n += n < 200 ? 1 : 97) {
            byte[] folded = folding.fold(KEY, 0, KEY.length, three, 0, 8, n);
            assertEquals(3 * n, ByteBuffer.wrap(folded).getLong(), "n = " + n);
            in += n;
            assertEquals(in, combining.inputRecords(), "every value of the run counts as combined, n = " + n);
        }
        assertEquals(1L << 40, ByteBuffer.wrap(folding.fold(KEY, 0, KEY.length, ByteBuffer.allocate(8).putLong(1).array(), 0, 8, 1L << 40)).getLong());
    }

    @Test
    void aSpillReadsAFoldedRunAsOneValue() throws Exception {
        Combining combining = new Combining(SUM, BytesComparator.INSTANCE, true);
        HashCombineBuffer buffer = new HashCombineBuffer(1, 1 << 20, 1 << 20, BytesComparator.INSTANCE, true, combining);
        byte[] one = ByteBuffer.allocate(8).putLong(1).array();
        for (int i = 0; i < 1000; i++) buffer.add(0, KEY, 0, KEY.length, one, 0, 8);
        buffer.sort();
        var records = buffer.partition(0);
        assertTrue(records.next());
        assertEquals(1000, ByteBuffer.wrap(records.valueBuffer(), records.valueOffset(), records.valueLength()).getLong());
        assertFalse(records.next(), "the run of 1000 ones is one value now");
        assertEquals(1000, combining.inputRecords());
        assertEquals(1, combining.outputRecords());
    }

    @Test
    void aCombinerThatKeepsItsValuesIsNotFoldedAndLeavesTheCountersAlone() throws Exception {
        Combining combining = new Combining(KEEP, BytesComparator.INSTANCE, true);
        RepeatFolding folding = new RepeatFolding(combining);
        byte[] one = {1};
        assertNull(folding.fold(KEY, 0, KEY.length, one, 0, 1, 100));
        assertNull(folding.fold(KEY, 0, KEY.length, one, 0, 1, 100), "it does not try again");
        assertEquals(0, combining.inputRecords());
        assertEquals(0, combining.outputRecords());
    }
}
