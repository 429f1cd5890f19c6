package dev.mr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.RawComparator;
import dev.mr.api.serde.Serde;
import dev.mr.api.serde.Serdes;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.KeyComparators;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A total-order job's output is sorted only if the partitioner never sends a key to an earlier
 * reducer than a key that sorts before it. For every key type and order a job can have, random
 * keys are checked against an independent oracle (the type's natural order, code points for
 * strings, signed numbers), through both the object and the serialized-key paths; and cut points
 * that do not fit the job are refused before it starts, naming what does not fit.
 */
class TotalOrderPartitionerTest {

    private static final int KEYS = 3000;

    private static Configuration job(Class<?> keyClass, int reducers) {
        return new Configuration().set(ConfKeys.OUTPUT_PATH, "/tmp/out").set(ConfKeys.INPUT_PATHS, "/tmp/in")
                .set(ConfKeys.MAP_OUTPUT_KEY, keyClass.getName()).set(ConfKeys.MAP_OUTPUT_VALUE, String.class.getName())
                .setInt(ConfKeys.REDUCERS, reducers).set(ConfKeys.PARTITIONER, TotalOrderPartitioner.class.getName());
    }

    private static JobDefinition load(Configuration conf) {
        return JobDefinition.load(conf, TotalOrderPartitionerTest.class.getClassLoader());
    }

    /** Cut points chosen from a sample, as InputSampler does, stored in {@code conf}. */
    @SuppressWarnings("unchecked")
    private static <K> void cutsFrom(Configuration conf, Class<?> keyClass, List<K> sample) {
        Configuration plain = conf.copy().unset(ConfKeys.PARTITIONER);
        JobDefinition def = load(plain);
        Serde<Object> serde = (Serde<Object>) def.newSerdes().forClass(def.mapOutputKeyClass());
        RawComparator order = KeyComparators.sort(def, serde);
        List<byte[]> bytes = new ArrayList<>();
        for (K k : sample) bytes.add(encode(serde, k));
        bytes.sort((a, b) -> order.compare(a, 0, a.length, b, 0, b.length));
        conf.set(ConfKeys.PARTITIONER_CUTS, CutPoints.encode(CutPoints.choose(bytes, def.reducers(), order)));
        conf.set(ConfKeys.PARTITIONER_CUTS_KEY_CLASS, keyClass.getName());
    }

    private static byte[] encode(Serde<Object> serde, Object key) {
        ByteBuilder b = new ByteBuilder();
        serde.write(key, b);
        return b.toByteArray();
    }

    /** partition(k1) <= partition(k2) whenever the oracle puts k1 first, on both paths; every reducer gets keys. */
    @SuppressWarnings("unchecked")
    private static <K> void assertAgrees(Class<?> keyClass, Function<Random, K> keys, Comparator<? super K> oracle, Configuration conf) {
        Random r = new Random(keyClass.getName().hashCode());
        List<K> sample = new ArrayList<>();
        for (int i = 0; i < 500; i++) sample.add(keys.apply(r));
        cutsFrom(conf, keyClass, sample);
        JobDefinition def = load(conf);
        TotalOrderPartitioner<K, String> p = def.instantiate(def.partitionerClass(), TotalOrderPartitioner.class);
        Serde<Object> serde = (Serde<Object>) new Serdes(TotalOrderPartitionerTest.class.getClassLoader(), List.of()).forClass(def.mapOutputKeyClass());
        int reducers = def.reducers();
        List<K> all = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) all.add(keys.apply(r));
        all.addAll(sample); // keys equal to a cut point
        all.sort(oracle);
        int[] perReducer = new int[reducers];
        int previous = 0;
        K previousKey = null;
        for (K k : all) {
            int byObject = p.partition(k, "v", reducers);
            byte[] b = encode(serde, k);
            byte[] padded = new byte[b.length + 3];
            System.arraycopy(b, 0, padded, 2, b.length);
            assertEquals(byObject, p.partition(padded, 2, b.length, reducers), "raw and object paths agree on " + k);
            assertTrue(byObject >= previous, keyClass.getSimpleName() + " " + show(k) + " went to reducer " + byObject
                    + " but " + show(previousKey) + ", before it, went to " + previous);
            previous = byObject;
            previousKey = k;
            perReducer[byObject]++;
        }
        for (int i = 0; i < reducers; i++) assertTrue(perReducer[i] > 0, "reducer " + i + " got keys: " + Arrays.toString(perReducer));
    }

    private static String show(Object k) {
        return k instanceof byte[] b ? Arrays.toString(b) : String.valueOf(k);
    }

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(6);
        for (int i = 0; i < len; i++) {
            switch (r.nextInt(6)) {
                case 0 -> sb.appendCodePoint(0x1F600 + r.nextInt(50)); // supplementary: UTF-16 order differs from code point order
                case 1 -> sb.append((char) (0xE000 + r.nextInt(0x1000)));
                case 2 -> sb.append((char) (0xE0 + r.nextInt(30)));
                default -> sb.append((char) ('a' + r.nextInt(4)));
            }
        }
        return sb.toString();
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @Test
    void longAndIntegerKeysIncludingNegativesGoToReducersInNumericOrder() {
        assertAgrees(Long.class, r -> r.nextBoolean() ? r.nextLong() : (long) r.nextInt(21) - 10, Comparator.<Long>naturalOrder(), job(Long.class, 5));
        assertAgrees(Integer.class, r -> r.nextBoolean() ? r.nextInt() : r.nextInt(21) - 10, Comparator.<Integer>naturalOrder(), job(Integer.class, 4));
        assertAgrees(Double.class, r -> r.nextBoolean() ? r.nextGaussian() * 1e6 : -r.nextDouble(), Comparator.<Double>naturalOrder(), job(Double.class, 3));
    }

    @Test
    void stringAndTextKeysGoToReducersInCodePointOrder() {
        assertAgrees(String.class, TotalOrderPartitionerTest::randomString, TotalOrderPartitionerTest::compareCodePoints, job(String.class, 6));
        assertAgrees(Text.class, r -> new Text(randomString(r)), (a, b) -> compareCodePoints(a.toString(), b.toString()), job(Text.class, 6));
    }

    @Test
    void byteArrayKeysGoToReducersInUnsignedOrder() {
        assertAgrees(byte[].class, r -> {
            byte[] b = new byte[r.nextInt(5)];
            r.nextBytes(b);
            return b;
        }, Arrays::compareUnsigned, job(byte[].class, 7));
    }

    @Test
    void pairKeysGoToReducersByFirstThenSecond() {
        assertAgrees(Pair.class, r -> Pair.of(randomString(r), (long) r.nextInt(41) - 20), Comparator.<Pair<String, Long>>naturalOrder(),
                job(Pair.class, 5));
    }

    /** A sort comparator that reverses the natural order of strings, given as a plain Comparator (keys decoded to compare). */
    public static final class Descending implements Comparator<String> {
        @Override
        public int compare(String a, String b) {
            return compareCodePoints(b, a);
        }
    }

    /** The same reversed order on the bytes. */
    public static final class DescendingBytes implements RawComparator {
        @Override
        public int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
            return BytesComparator.INSTANCE.compare(b, bOff, bLen, a, aOff, aLen);
        }
    }

    @Test
    void aJobsOwnSortComparatorDecidesTheRanges() {
        Comparator<String> descending = (a, b) -> compareCodePoints(b, a);
        assertAgrees(String.class, TotalOrderPartitionerTest::randomString, descending,
                job(String.class, 4).set(ConfKeys.SORT_COMPARATOR, Descending.class.getName()));
        assertAgrees(String.class, TotalOrderPartitionerTest::randomString, descending,
                job(String.class, 4).set(ConfKeys.SORT_COMPARATOR, DescendingBytes.class.getName()));
    }

    /** A key of the job's own, serialized with Kryo and ordered by its compareTo. */
    public record Version(int major, int minor) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }
    }

    @Test
    void aComparableKeyOfTheJobsOwnIsOrderedByItsCompareTo() {
        assertAgrees(Version.class, r -> new Version(r.nextInt(7) - 3, r.nextInt(100)), Comparator.<Version>naturalOrder(), job(Version.class, 4));
    }

    private static String refusal(Configuration conf) {
        return assertThrows(InvalidJobException.class, () -> load(conf)).getMessage();
    }

    @Test
    void cutPointsOfAnotherKeyClassAreRefusedAtJobStartNamingBothClasses() {
        Configuration longCuts = job(Long.class, 3);
        cutsFrom(longCuts, Long.class, List.of(1L, 2L, 3L, 4L));
        Configuration stringJob = job(String.class, 3).set(ConfKeys.PARTITIONER_CUTS, longCuts.get(ConfKeys.PARTITIONER_CUTS))
                .set(ConfKeys.PARTITIONER_CUTS_KEY_CLASS, longCuts.get(ConfKeys.PARTITIONER_CUTS_KEY_CLASS));
        assertEquals("the total-order cut points are keys of java.lang.Long (mr.partitioner.cuts.key.class) but the job's map output key is "
                + "java.lang.String: run InputSampler.writePartitionFile on this job once its mapper and types are set", refusal(stringJob));
    }

    @Test
    void aNumberOfCutPointsOtherThanReducersMinusOneIsRefused() {
        Configuration conf = job(Long.class, 3);
        cutsFrom(conf, Long.class, List.of(1L, 2L, 3L, 4L));
        conf.setInt(ConfKeys.REDUCERS, 5);
        assertEquals("the total-order cut points split the keys 3 ways but the job has 5 reducers (mr.reducers): set the reducers before "
                + "InputSampler.writePartitionFile", refusal(conf));
        conf.setInt(ConfKeys.REDUCERS, 2);
        assertTrue(refusal(conf).contains("split the keys 3 ways but the job has 2 reducers"));
    }

    @Test
    void missingCorruptOrUnorderedCutPointsAreRefused() {
        assertEquals("TotalOrderPartitioner has no cut points (mr.partitioner.cuts): choose them in the driver with "
                + "InputSampler.writePartitionFile(job, sampler)", refusal(job(String.class, 2)));
        Configuration corrupt = job(String.class, 2).set(ConfKeys.PARTITIONER_CUTS_KEY_CLASS, String.class.getName())
                .set(ConfKeys.PARTITIONER_CUTS, "not base64!");
        assertTrue(refusal(corrupt).startsWith("mr.partitioner.cuts is not cut points written by InputSampler.writePartitionFile"));
        Configuration unordered = job(String.class, 3).set(ConfKeys.PARTITIONER_CUTS_KEY_CLASS, String.class.getName())
                .set(ConfKeys.PARTITIONER_CUTS, CutPoints.encode(List.of("m".getBytes(StandardCharsets.UTF_8), "c".getBytes(StandardCharsets.UTF_8))));
        assertTrue(refusal(unordered).startsWith("total-order cut point 1 sorts before the one before it"));
    }

    @Test
    void duplicateSampleKeysGiveDistinctCutsWhileThereAreAnyAndRepeatTheLastAfter() {
        RawComparator order = BytesComparator.INSTANCE;
        List<byte[]> skewed = bytes("a", "a", "a", "a", "a", "a", "b", "b", "c", "d");
        assertEquals(List.of("b", "c", "d"), strings(CutPoints.choose(skewed, 4, order)),
                "a popular key goes whole to one reducer, and none is left empty (Hadoop's cuts a, b, c would leave the first one so)");
        List<byte[]> two = bytes("x", "x", "x", "y", "y", "y");
        List<byte[]> cuts = CutPoints.choose(two, 5, order);
        assertEquals(List.of("y", "y", "y", "y"), strings(cuts), "two keys: one reducer each, the last cut repeated");
        assertEquals(1, CutPoints.distinct(cuts, order));
        CutPoints points = new CutPoints(cuts, order);
        assertEquals(-1, points.firstOutOfOrder(), "repeated cuts are in order");
        assertEquals(0, points.partition(b("x"), 0, 1));
        assertEquals(0, points.partition(b("xx"), 0, 2));
        assertEquals(4, points.partition(b("y"), 0, 1), "the reducers between repeated cuts stay empty");
        assertEquals(4, points.partition(b("z"), 0, 1));
        assertEquals(List.of(), CutPoints.choose(List.of(), 4, order));
        assertEquals(List.of("b", "c", "d", "d"), strings(CutPoints.choose(bytes("a", "a", "b", "b", "b", "b", "b", "b", "c", "d"), 5, order)),
                "a cut never falls back behind one already past its target");
        List<byte[]> mostlyEmpty = bytes("", "", "", "", "", "", "", "m", "n", "o");
        assertEquals(List.of("m", "n"), strings(CutPoints.choose(mostlyEmpty, 3, order)),
                "a popular smallest key goes whole to the first reducer rather than leave it nothing");
        List<byte[]> distinct = bytes("a", "b", "c", "d", "e", "f", "g", "h");
        assertEquals(List.of("c", "e", "g"), strings(CutPoints.choose(distinct, 4, order)), "distinct keys: the keys at ranks i * n / reducers");
    }

    @Test
    void cutPointsSurviveTheirEncodingIncludingAnEmptyKey() {
        List<byte[]> cuts = List.of(new byte[0], b("a"), new byte[300]);
        List<byte[]> back = CutPoints.decode(CutPoints.encode(cuts));
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) assertTrue(Arrays.equals(cuts.get(i), back.get(i)));
        assertEquals(0, CutPoints.decode(CutPoints.encode(List.of())).size());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> bytes(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) out.add(b(x));
        return out;
    }

    private static List<String> strings(List<byte[]> b) {
        return b.stream().map(x -> new String(x, StandardCharsets.UTF_8)).toList();
    }
}
