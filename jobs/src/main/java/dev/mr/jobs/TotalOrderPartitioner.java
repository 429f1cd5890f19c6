package dev.mr.jobs;

import dev.mr.api.Configurable;
import dev.mr.api.Configuration;
import dev.mr.api.Partitioner;
import dev.mr.api.RawPartitioner;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Sends byte-array keys to reducers by range, so that the concatenation of the outputs in
 * partition order is sorted: reducer {@code i} gets the keys {@code k} with
 * {@code cut[i-1] <= k < cut[i]} (unsigned byte order). The cut points, hex-encoded and
 * comma-separated in {@code terasort.cuts}, come from a sample of the input.
 */
public final class TotalOrderPartitioner implements Partitioner<byte[], Object>, RawPartitioner, Configurable {

    static final String CUTS = "terasort.cuts";

    private byte[][] cuts = new byte[0][];

    @Override
    public void configure(Configuration conf) {
        List<String> hex = conf.getList(CUTS);
        cuts = new byte[hex.size()][];
        for (int i = 0; i < cuts.length; i++) cuts[i] = HexFormat.of().parseHex(hex.get(i));
    }

    static String encode(List<byte[]> cuts) {
        StringBuilder sb = new StringBuilder();
        for (byte[] c : cuts) {
            if (sb.length() > 0) sb.append(',');
            sb.append(HexFormat.of().formatHex(c));
        }
        return sb.toString();
    }

    @Override
    public int partition(byte[] key, Object value, int numPartitions) {
        return partition(key, 0, key.length, numPartitions);
    }

    @Override
    public int partition(byte[] key, int off, int len, int numPartitions) {
        int lo = 0, hi = cuts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[] cut = cuts[mid];
            if (Arrays.compareUnsigned(key, off, off + len, cut, 0, cut.length) < 0) hi = mid;
            else lo = mid + 1;
        }
        return Math.min(lo, numPartitions - 1);
    }
}
