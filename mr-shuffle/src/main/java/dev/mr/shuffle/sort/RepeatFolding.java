package dev.mr.shuffle.sort;

import dev.mr.shuffle.RawValues;
import dev.mr.shuffle.RecordSink;
import dev.mr.shuffle.merge.Combining;
import java.io.IOException;
import java.util.Arrays;

/**
 * Combines one value repeated {@code n} times in about 2·log2(n) combiner calls of two values
 * each, as exponentiation by squaring multiplies: v·v, then (v·v)·(v·v), ..., and the powers
 * that make up n. A combiner may run any number of times, on any of a key's values and on its
 * own output (the framework already re-combines at every spill and merge), so the result is
 * what one call over all n would give: WordCount's hot words cost a few calls instead of
 * replaying millions of ones through the combiner at each spill. A combiner that does not turn
 * two values into one (one that keeps its values, say) makes {@link #fold} give up for good, and
 * the caller replays runs as before. Confined to the map task's thread.
 */
final class RepeatFolding {

    private final Combining combining;
    private final TwoValues two = new TwoValues();
    private final OneValue one = new OneValue();
    private boolean folds = true;

    RepeatFolding(Combining combining) {
        this.combining = combining;
    }

    /**
     * The combined value of {@code n >= 2} copies of the value, or null when the combiner does not
     * fold two values into one. The combine counters show the n values in and one out (or nothing,
     * when it gave up), so input minus combined-away records still equals what reaches reducers.
     */
    byte[] fold(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen, long n) throws IOException {
        if (!folds) return null;
        long in = combining.inputRecords();
        long out = combining.outputRecords();
        byte[] result = powerOf(key, keyOff, keyLen, Arrays.copyOfRange(value, valueOff, valueOff + valueLen), n);
        combining.recount(in + (result == null ? 0 : n), out + (result == null ? 0 : 1));
        return result;
    }

    private byte[] powerOf(byte[] key, int keyOff, int keyLen, byte[] power, long n) throws IOException {
        byte[] acc = null;
        for (long r = n; folds; ) {
            if ((r & 1) != 0) acc = acc == null ? power : combine(key, keyOff, keyLen, acc, power);
            r >>>= 1;
            if (r == 0) return folds ? acc : null;
            power = combine(key, keyOff, keyLen, power, power);
        }
        return null;
    }

    private byte[] combine(byte[] key, int keyOff, int keyLen, byte[] a, byte[] b) throws IOException {
        two.start(a, b);
        one.start();
        combining.combine(key, keyOff, keyLen, two, one);
        if (one.count != 1) folds = false;
        return one.value;
    }

    /** Two values, in order. */
    private static final class TwoValues implements RawValues {

        private byte[] a;
        private byte[] b;
        private int at;

        void start(byte[] first, byte[] second) {
            a = first;
            b = second;
            at = 0;
        }

        @Override
        public boolean next() {
            return ++at <= 2;
        }

        @Override
        public byte[] buffer() {
            return at == 1 ? a : b;
        }

        @Override
        public int offset() {
            return 0;
        }

        @Override
        public int length() {
            return buffer().length;
        }
    }

    /** Keeps a copy of the one value written to it, and counts the records. */
    private static final class OneValue implements RecordSink {

        private int count;
        private byte[] value;

        void start() {
            count = 0;
            value = null;
        }

        @Override
        public void write(byte[] key, int keyOff, int keyLen, byte[] v, int valueOff, int valueLen) {
            if (count++ == 0) value = Arrays.copyOfRange(v, valueOff, valueOff + valueLen);
        }
    }
}
