package dev.mr.api.io;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import java.util.List;

/**
 * How large a job's input splits are, as Spark sizes file partitions: a small input is cut
 * finely enough to give every map slot of the cluster work, a large one is read in splits of a
 * block, and small files share a split. With {@code N} the split count aimed for
 * ({@code mr.input.min.splits}, else the slots the framework found, {@code mr.input.slots}):
 *
 * <pre>
 *   split size = min(max split, max(open cost, (input bytes + open cost × files) / N))
 * </pre>
 *
 * where the max split is {@code mr.input.split.max.mb} (128 MiB) and the open cost
 * {@code mr.input.open.cost.mb} (4 MiB); with no {@code N} the split size is the max split.
 * A splittable file is cut into pieces of the split size, never more than its block (a dfs
 * chunk); its last piece joins the one before when under 10% of a split, as in Hadoop, except
 * when the size was lowered to fill the slots (the count matters there, and such a tail is no
 * longer tiny). Whole small files are packed, neighbours only, into splits whose lengths plus
 * one open cost each stay within the split size; then, while there are fewer splits than
 * {@code min(N, files)}, the heaviest packed split is halved — so whole-file input (a
 * non-splittable format, a compressed file) still spreads over the slots.
 *
 * <p>Explicit overrides, for jobs that want Hadoop's fixed sizes: {@code mr.input.split.size}
 * cuts splittable files at exactly that size; {@code mr.input.pack.size} (else
 * {@code mr.input.split.size}) packs small files up to that many bytes of their own. Either
 * turns off the open cost in packing and the floor. Pure and immutable.
 */
public final class SplitSizing {

    static final long MIB = 1L << 20;
    private static final double SLOP = 1.1;

    /** Explicit {@code mr.input.split.size}, 0 when unset. */
    private final long fixedSplit;
    /** The rule's split size, before each file's block caps it. */
    private final long ruleSplit;
    /** True when {@link #ruleSplit} was lowered below the max split to fill the slots. */
    private final boolean fillsSlots;
    private final long packTarget;
    private final long openCostCharge;
    private final int floor;

    private SplitSizing(long fixedSplit, long ruleSplit, boolean fillsSlots, long packTarget, long openCostCharge, int floor) {
        this.fixedSplit = fixedSplit;
        this.ruleSplit = ruleSplit;
        this.fillsSlots = fillsSlots;
        this.packTarget = packTarget;
        this.openCostCharge = openCostCharge;
        this.floor = floor;
    }

    /**
     * The sizing of an input of {@code files} files holding {@code inputBytes} bytes, the
     * smallest of their blocks {@code smallestBlock} ({@link Long#MAX_VALUE} when no file
     * reports one), under the job's settings.
     *
     * @throws InvalidJobException naming a setting out of range
     */
    public static SplitSizing of(Configuration conf, long inputBytes, int files, long smallestBlock) {
        long maxSplit = positive(conf, ConfKeys.SPLIT_MAX_MB, ConfKeys.SPLIT_MAX_MB_DEFAULT) * MIB;
        long openCost = atLeastZero(conf, ConfKeys.OPEN_COST_MB, ConfKeys.OPEN_COST_MB_DEFAULT) * MIB;
        long slots = atLeastZero(conf, ConfKeys.SLOTS, 0);
        long n = conf.isSet(ConfKeys.MIN_SPLITS) ? positive(conf, ConfKeys.MIN_SPLITS, 1) : slots;
        long fixedSplit = 0;
        if (conf.isSet(ConfKeys.SPLIT_SIZE)) fixedSplit = positive(conf, ConfKeys.SPLIT_SIZE, 1);
        long rule = ruleSplit(maxSplit, openCost, n, inputBytes + openCost * files);
        boolean fillsSlots = rule < maxSplit;
        if (conf.isSet(ConfKeys.PACK_SIZE) || fixedSplit > 0) {
            long target = conf.getLong(ConfKeys.PACK_SIZE, fixedSplit);
            if (target < 0) throw new InvalidJobException(ConfKeys.PACK_SIZE + " must be 0 (no packing) or a size in bytes, not " + target);
            return new SplitSizing(fixedSplit, rule, fillsSlots, target, 0, 0);
        }
        int floor = (int) Math.min(n, files);
        return new SplitSizing(0, rule, fillsSlots, Math.min(rule, smallestBlock), openCost, floor);
    }

    /** min(max split, max(open cost, ⌈charged bytes / n⌉)); the max split when n is 0 (unknown). */
    static long ruleSplit(long maxSplit, long openCost, long n, long chargedBytes) {
        if (n <= 0) return maxSplit;
        long perSlot = chargedBytes / n + (chargedBytes % n == 0 ? 0 : 1);
        return Math.min(maxSplit, Math.max(Math.max(openCost, perSlot), 1));
    }

    /** The split size of a splittable file whose blocks are {@code blockSize} bytes (0 or less: none reported). */
    public long splitSize(long blockSize) {
        if (fixedSplit > 0) return fixedSplit;
        return blockSize > 0 ? Math.min(ruleSplit, blockSize) : ruleSplit;
    }

    /**
     * The lengths of the pieces a splittable file of {@code length} bytes is cut into, in
     * order; one piece (possibly empty) for an empty file.
     */
    public long[] cut(long length, long blockSize) {
        long size = splitSize(blockSize);
        boolean slop = fixedSplit > 0 || !fillsSlots || size < ruleSplit;
        long tail = slop ? (long) (size * SLOP) : size;
        long full = length <= tail ? 0 : (length - tail + size - 1) / size;
        if (full >= Integer.MAX_VALUE) throw new InvalidJobException("a file of " + length + " bytes in splits of " + size + " bytes makes too many splits");
        int pieces = (int) full + 1;
        long[] out = new long[pieces];
        for (int i = 0; i < pieces - 1; i++) out[i] = size;
        out[pieces - 1] = length - size * (pieces - 1);
        return out;
    }

    /** Packs the per-file splits (in listing order, a file's pieces adjacent) as the settings say. */
    public List<InputSplit> pack(List<FileSplit> splits) {
        return new SplitPacker(packTarget, openCostCharge, floor).pack(splits);
    }

    private static long positive(Configuration conf, String key, long defaultValue) {
        long v = number(conf, key, defaultValue);
        if (v <= 0) throw new InvalidJobException("setting " + key + "=" + v + " must be positive");
        return v;
    }

    private static long atLeastZero(Configuration conf, String key, long defaultValue) {
        long v = number(conf, key, defaultValue);
        if (v < 0) throw new InvalidJobException("setting " + key + "=" + v + " must be 0 or more");
        return v;
    }

    private static long number(Configuration conf, String key, long defaultValue) {
        try {
            return conf.getLong(key, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
    }
}
