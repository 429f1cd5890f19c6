package dev.mr.api.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.Pair;
import dev.mr.api.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The shuffle sorts keys as raw bytes and never deserializes them, so every built-in serde
 * that claims to be order-preserving must give byte order equal to the values' natural
 * order, and must decode what it encoded.
 */
class OrderPreservingSerdeTest {

    private static final long SEED = 20261126L;

    @Test
    void integersSortAsBytes() {
        Random r = new Random(SEED);
        check(IntSerde.INSTANCE, () -> switch (r.nextInt(4)) {
            case 0 -> Integer.MIN_VALUE + r.nextInt(3);
            case 1 -> Integer.MAX_VALUE - r.nextInt(3);
            case 2 -> r.nextInt(200) - 100;
            default -> r.nextInt();
        }, Comparator.naturalOrder());
    }

    @Test
    void longsSortAsBytes() {
        Random r = new Random(SEED);
        check(LongSerde.INSTANCE, () -> r.nextBoolean() ? r.nextLong() : (long) r.nextInt(100) - 50, Comparator.naturalOrder());
    }

    @Test
    void doublesSortAsBytesIncludingSignedZeroInfinityAndNaN() {
        Random r = new Random(SEED);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE};
        check(DoubleSerde.INSTANCE, () -> r.nextInt(5) == 0 ? special[r.nextInt(special.length)] : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 10),
                Double::compare);
    }

    @Test
    void stringsSortAsBytesInCodePointOrder() {
        Random r = new Random(SEED);
        check(StringSerde.INSTANCE, () -> randomString(r), OrderPreservingSerdeTest::compareCodePoints);
    }

    @Test
    void textSortsInCodePointOrderAndIsEncodedExactlyAsItsString() {
        Random r = new Random(SEED);
        check(TextSerde.INSTANCE, () -> new Text(randomString(r)), (a, b) -> compareCodePoints(a.toString(), b.toString()));
        for (int i = 0; i < 400; i++) {
            String s = randomString(r);
            ByteBuilder asText = new ByteBuilder(1);
            ByteBuilder asString = new ByteBuilder(1);
            TextSerde.INSTANCE.write(new Text(s), asText);
            StringSerde.INSTANCE.write(s, asString);
            // the same bytes, so a job sorts, partitions and writes Text keys as it does the equal Strings
            assertArrayEquals(asString.toByteArray(), asText.toByteArray(), s);
        }
    }

    @Test
    void byteArraysSortUnsigned() {
        Random r = new Random(SEED);
        check(BytesSerde.INSTANCE, () -> {
            byte[] b = new byte[r.nextInt(6)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
            return b;
        }, Arrays::compareUnsigned);
    }

    @Test
    void pairsSortByFirstThenSecondForEveryComponentType() {
        Random r = new Random(SEED);
        Comparator<Pair<?, ?>> order = (a, b) -> castCompare(a, b);
        check(PairSerde.INSTANCE, () -> Pair.of(randomString(r), r.nextInt(5) - 2), order);
        check(PairSerde.INSTANCE, () -> Pair.of((long) r.nextInt(4), randomString(r)), order);
        check(PairSerde.INSTANCE, () -> {
            byte[] b = new byte[r.nextInt(4)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) r.nextInt(3);
            return Pair.of(b, Pair.of(randomString(r), r.nextDouble()));
        }, order);
        check(PairSerde.INSTANCE, () -> Pair.of(Pair.of(randomString(r), r.nextBoolean()), randomString(r)), order);
    }

    @Test
    void pairGroupingComparatorLooksOnlyAtTheFirstComponent() {
        var byFirst = new dev.mr.api.Pair.ByFirst();
        byte[] a = PairSerde.encode(Pair.of("ab\0c", 5));
        byte[] b = PairSerde.encode(Pair.of("ab\0c", -7));
        byte[] c = PairSerde.encode(Pair.of("ab", 1));
        assertEquals(0, byFirst.compare(a, 0, a.length, b, 0, b.length));
        assertEquals(1, Integer.signum(byFirst.compare(a, 0, a.length, c, 0, c.length)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int castCompare(Pair a, Pair b) {
        return a.compareTo(b);
    }

    private static String randomString(Random r) {
        String[] alphabet = {"a", "b", "\0", "é", "€", "\uD83D\uDE00", "z", "\uFFFD", " "};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) sb.append(alphabet[r.nextInt(alphabet.length)]);
        return sb.toString();
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static <T> void check(Serde<T> serde, Supplier<T> values, Comparator<? super T> natural) {
        List<T> list = new ArrayList<>();
        for (int i = 0; i < 400; i++) list.add(values.get());
        List<byte[]> encoded = new ArrayList<>();
        for (T v : list) {
            ByteBuilder out = new ByteBuilder(1);
            serde.write(v, out);
            encoded.add(out.toByteArray());
            T back = serde.read(out.array(), 0, out.length());
            if (v instanceof byte[] bytes) assertArrayEquals(bytes, (byte[]) back);
            else if (!(v instanceof Pair)) assertEquals(v, back, "round trip");
            else assertEquals(v, back, "round trip");
        }
        for (int i = 0; i < list.size(); i++) {
            for (int j = 0; j < list.size(); j += 7) {
                T a = list.get(i), b = list.get(j);
                int expected = Integer.signum(natural.compare(list.get(i), list.get(j)));
                int actual = Integer.signum(Arrays.compareUnsigned(encoded.get(i), encoded.get(j)));
                assertEquals(expected, actual, () -> "seed " + SEED + ": order of " + show(a) + " vs " + show(b));
            }
        }
    }

    private static String show(Object o) {
        return o instanceof byte[] b ? Arrays.toString(b) : String.valueOf(o);
    }
}
