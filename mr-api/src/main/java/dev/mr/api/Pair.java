package dev.mr.api;

import dev.mr.api.serde.PairSerde;
import dev.mr.api.serde.RawComparator;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A two-part key or value, ordered by {@code first} then {@code second}. Components may be
 * String, Integer, Long, Double, Boolean, byte[] or Pair; the encoding is order-preserving,
 * so pair keys sort as bytes (composite keys for secondary sort and joins need no custom
 * comparator). Strings order by code point, as with plain String keys.
 *
 * <pre>{@code
 * // secondary sort: partition and group by the first part, sort by both
 * job.mapOutput(Pair.class, Long.class)
 *    .partitioner(Pair.FirstPartitioner.class)
 *    .groupingComparator(Pair.ByFirst.class);
 * }</pre>
 */
public record Pair<A, B>(A first, B second) implements Comparable<Pair<A, B>> {

    public Pair {
        if (first == null || second == null) throw new NullPointerException("Pair components may not be null");
    }

    public static <A, B> Pair<A, B> of(A first, B second) {
        return new Pair<>(first, second);
    }

    @Override
    public int compareTo(Pair<A, B> o) {
        int c = compareComponent(first, o.first);
        return c != 0 ? c : compareComponent(second, o.second);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareComponent(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.compareUnsigned(x, y);
        if (a instanceof String x && b instanceof String y) return compareCodePoints(x, y);
        return ((Comparable) a).compareTo(b);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pair<?, ?> p && componentEquals(first, p.first) && componentEquals(second, p.second);
    }

    @Override
    public int hashCode() {
        return 31 * componentHash(first) + componentHash(second);
    }

    private static boolean componentEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        return a.equals(b);
    }

    private static int componentHash(Object a) {
        return a instanceof byte[] x ? Arrays.hashCode(x) : a.hashCode();
    }

    @Override
    public String toString() {
        return "(" + first + ", " + second + ")";
    }

    /** Orders (and, as a grouping comparator, groups) pairs by their first component only. */
    public static final class ByFirst implements Comparator<Pair<?, ?>>, RawComparator {

        @Override
        public int compare(Pair<?, ?> a, Pair<?, ?> b) {
            return compareComponent(a.first(), b.first());
        }

        @Override
        public int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
            int aEnd = PairSerde.firstEnd(a, aOff, aLen);
            int bEnd = PairSerde.firstEnd(b, bOff, bLen);
            return Arrays.compareUnsigned(a, aOff, aEnd, b, bOff, bEnd);
        }
    }

    /** Partitions pairs by a hash of their first component's bytes, so a group stays together. */
    public static final class FirstPartitioner implements Partitioner<Pair<?, ?>, Object>, RawPartitioner {

        @Override
        public int partition(Pair<?, ?> key, Object value, int numPartitions) {
            byte[] bytes = PairSerde.encode(key);
            return partition(bytes, 0, bytes.length, numPartitions);
        }

        @Override
        public int partition(byte[] key, int off, int len, int numPartitions) {
            int end = PairSerde.firstEnd(key, off, len);
            return HashPartitioner.partitionOf(key, off, end - off, numPartitions);
        }
    }
}
