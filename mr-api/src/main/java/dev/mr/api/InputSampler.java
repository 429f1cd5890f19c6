package dev.mr.api;

import dev.mr.api.serde.RawComparator;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.KeyComparators;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Chooses the cut points of a {@link TotalOrderPartitioner} from a sample of the job's input,
 * as Hadoop's {@code InputSampler}: {@link #writePartitionFile} runs in the driver, reads
 * splits through the job's own input format, sorts the sampled keys in the job's sort order
 * and stores {@code mr.reducers - 1} evenly spaced ones in the job's settings
 * ({@link ConfKeys#PARTITIONER_CUTS}), which travel with the job to every task.
 *
 * <p>The samplers read the input format's keys, which must be the map output keys (as with an
 * identity mapper; Hadoop has the same rule): {@link RandomSampler} keeps records at random,
 * {@link IntervalSampler} at regular intervals, {@link SplitSampler} takes the first records;
 * each reads evenly spaced splits across the input, not just the first ones.
 */
public final class InputSampler {

    private InputSampler() {}

    /** Picks keys from the input. Implementations decide which splits and records; {@link Splits} does the reading. */
    public interface Sampler {
        Sample sample(Splits input) throws IOException;
    }

    /** The input as a sampler sees it: its splits, and each split's keys in order, serialized. */
    public interface Splits {
        int count();

        Keys open(int split) throws IOException;
    }

    /** One split's keys: each a fresh array of the key's serialized bytes, then null at the end. */
    public interface Keys extends Closeable {
        byte[] next() throws IOException;
    }

    /**
     * The keys a sampler chose (serialized, in any order), how much it read to find them, and,
     * when it found fewer than it was asked for, why (null otherwise): said in the job's log.
     */
    public record Sample(List<byte[]> keys, int splitsRead, long recordsRead, String shortfall) {}

    /**
     * Computes the job's cut points from {@code sampler}'s keys and stores them in the job's
     * settings. Call it once the job's input, types, sort comparator and reducers are set.
     *
     * @throws InvalidJobException when the job cannot be sampled (its input keys are not its map
     *     output keys, it has no reducers) or its cut points would be too large to ship
     */
    public static void writePartitionFile(Job job, Sampler sampler) throws IOException {
        PrintStream log = System.err;
        Configuration conf = job.conf().copy();
        conf.unset(ConfKeys.PARTITIONER); // its cut points are what is being made
        if (job.runsOnCluster() && !conf.isSet(ConfKeys.DEFAULT_FS)) conf.set(ConfKeys.DEFAULT_FS, "dfs"); // as the cluster will read the input
        JobDefinition def = JobDefinition.load(conf, job.loader());
        if (def.reducers() < 1) throw new InvalidJobException("InputSampler.writePartitionFile needs a job with reducers, not " + ConfKeys.REDUCERS + "=0");
        try (SampledInput input = SampledInput.open(def)) {
            Sample sample = sampler.sample(input);
            RawComparator order = KeyComparators.sort(def, input.keySerde());
            List<byte[]> sorted = new ArrayList<>(sample.keys());
            sorted.sort((a, b) -> order.compare(a, 0, a.length, b, 0, b.length));
            List<byte[]> cuts = CutPoints.choose(sorted, def.reducers(), order);
            String encoded = CutPoints.encode(cuts);
            checkSize(job.conf(), encoded, cuts);
            job.set(ConfKeys.PARTITIONER_CUTS, encoded);
            job.set(ConfKeys.PARTITIONER_CUTS_KEY_CLASS, def.mapOutputKeyClass().getName());
            job.conf().unset(TotalOrderPartitioner.EMPTY_SAMPLE);
            if (sample.shortfall() != null) log.println("InputSampler: " + sample.shortfall());
            if (sorted.isEmpty()) {
                job.set(TotalOrderPartitioner.EMPTY_SAMPLE, "true");
                log.println("InputSampler: no key sampled" + (sample.recordsRead() == 0 ? " (the input has no records)" : " from " + sample.recordsRead()
                        + " records read") + ", so no cut points: every key goes to the first reducer");
                return;
            }
            log.println("InputSampler: " + cuts.size() + " cut points for " + def.reducers() + " reducers from " + sorted.size()
                    + " keys sampled in " + sample.splitsRead() + " of " + input.count() + " splits (" + encoded.length()
                    + " bytes in " + ConfKeys.PARTITIONER_CUTS + ")");
            int empty = cuts.size() - CutPoints.distinct(cuts, order);
            if (empty > 0) {
                log.println("InputSampler: only " + (cuts.size() - empty) + " distinct cut points among the " + sorted.size()
                        + " keys sampled: " + empty + " of the " + def.reducers() + " reducers will get no keys");
            }
        }
    }

    private static void checkSize(Configuration conf, String encoded, List<byte[]> cuts) {
        int max = conf.getInt(ConfKeys.PARTITIONER_CUTS_MAX_BYTES, ConfKeys.PARTITIONER_CUTS_MAX_BYTES_DEFAULT);
        if (encoded.length() <= max) return;
        int longest = 0;
        for (byte[] c : cuts) longest = Math.max(longest, c.length);
        throw new InvalidJobException("the " + cuts.size() + " cut points take " + encoded.length() + " bytes, more than "
                + ConfKeys.PARTITIONER_CUTS_MAX_BYTES + "=" + max + " allows (the longest key is " + longest
                + " bytes; the cut points travel in the job's settings to every worker): use fewer reducers, or raise the limit");
    }

    /**
     * The order in which samplers visit splits: {@code chosen} evenly spaced ones first (the
     * first, then every {@code count / chosen}-th), then the others in order.
     */
    static int[] visitOrder(int count, int chosen) {
        int[] order = new int[count];
        boolean[] taken = new boolean[count];
        int n = 0;
        for (int i = 0; i < chosen; i++) {
            int s = (int) ((long) i * count / chosen);
            order[n++] = s;
            taken[s] = true;
        }
        for (int s = 0; s < count; s++) if (!taken[s]) order[n++] = s;
        return order;
    }

    private static void checkArgs(double freq, int numSamples, int maxSplitsSampled) {
        if (!(freq > 0 && freq <= 1)) throw new IllegalArgumentException("sampling frequency must be in (0, 1], not " + freq);
        if (numSamples < 1) throw new IllegalArgumentException("number of samples must be at least 1, not " + numSamples);
        if (maxSplitsSampled < 1) throw new IllegalArgumentException("splits to sample must be at least 1, not " + maxSplitsSampled);
    }

    private static String fewer(int got, int asked, String why) {
        return "sampled " + got + " keys of the " + asked + " asked: " + why;
    }

    /**
     * The first records of evenly spaced splits, as Hadoop's {@code SplitSampler}: the cheapest,
     * and a fair sample when the input is in no particular order (TeraGen's output). A split
     * with fewer records than its share leaves the rest to the splits after it.
     */
    public static final class SplitSampler implements Sampler {
        private final int numSamples;
        private final int maxSplitsSampled;

        public SplitSampler(int numSamples) {
            this(numSamples, 10);
        }

        public SplitSampler(int numSamples, int maxSplitsSampled) {
            checkArgs(1, numSamples, maxSplitsSampled);
            this.numSamples = numSamples;
            this.maxSplitsSampled = maxSplitsSampled;
        }

        @Override
        public Sample sample(Splits input) throws IOException {
            int chosen = Math.min(maxSplitsSampled, input.count());
            int[] order = visitOrder(input.count(), chosen);
            List<byte[]> keys = new ArrayList<>();
            long records = 0;
            for (int j = 0; j < chosen; j++) {
                int share = (numSamples - keys.size()) / (chosen - j);
                try (Keys split = input.open(order[j])) {
                    byte[] k;
                    for (int n = 0; n < share && (k = split.next()) != null; n++, records++) keys.add(k);
                }
            }
            String shortfall = keys.size() >= numSamples ? null
                    : fewer(keys.size(), numSamples, chosen == input.count() ? "the input has no more"
                            : "the " + chosen + " splits sampled have no more (raise the splits to sample)");
            return new Sample(keys, chosen, records, shortfall);
        }
    }

    /**
     * Records kept at random with probability {@code freq}, as Hadoop's {@code RandomSampler}:
     * once {@code numSamples} are kept, a kept record replaces a random earlier one and the
     * frequency shrinks. Reads at least {@code maxSplitsSampled} evenly spaced splits whole, and
     * more splits while it has fewer keys than asked. Seeded, so a job's cut points are the same
     * on every run; {@link #seed} changes that.
     */
    public static final class RandomSampler implements Sampler {
        private final double freq;
        private final int numSamples;
        private final int maxSplitsSampled;
        private long seed = 0x5EED_CA75L;

        public RandomSampler(double freq, int numSamples) {
            this(freq, numSamples, Integer.MAX_VALUE);
        }

        public RandomSampler(double freq, int numSamples, int maxSplitsSampled) {
            checkArgs(freq, numSamples, maxSplitsSampled);
            this.freq = freq;
            this.numSamples = numSamples;
            this.maxSplitsSampled = maxSplitsSampled;
        }

        public RandomSampler seed(long seed) {
            this.seed = seed;
            return this;
        }

        @Override
        public Sample sample(Splits input) throws IOException {
            Random random = new Random(seed);
            int count = input.count();
            int chosen = Math.min(maxSplitsSampled, count);
            int[] order = visitOrder(count, chosen);
            List<byte[]> keys = new ArrayList<>();
            double p = freq;
            long records = 0;
            int read = 0;
            for (; read < count && (read < chosen || keys.size() < numSamples); read++) {
                try (Keys split = input.open(order[read])) {
                    for (byte[] k; (k = split.next()) != null; records++) {
                        if (random.nextDouble() > p) continue;
                        if (keys.size() < numSamples) {
                            keys.add(k);
                        } else {
                            keys.set(random.nextInt(numSamples), k);
                            p *= (numSamples - 1) / (double) numSamples;
                        }
                    }
                }
            }
            String shortfall = keys.size() >= numSamples ? null
                    : fewer(keys.size(), numSamples, "the input has no more (" + records + " records in " + read + " splits"
                            + (freq < 1 ? ", each kept with probability " + freq + ")" : ")"));
            return new Sample(keys, read, records, shortfall);
        }
    }

    /**
     * Records at regular intervals, a share {@code freq} of each of {@code maxSplitsSampled}
     * evenly spaced splits, as Hadoop's {@code IntervalSampler}: a sample spread evenly through
     * sorted or partly sorted input.
     */
    public static final class IntervalSampler implements Sampler {
        private final double freq;
        private final int maxSplitsSampled;

        public IntervalSampler(double freq) {
            this(freq, Integer.MAX_VALUE);
        }

        public IntervalSampler(double freq, int maxSplitsSampled) {
            checkArgs(freq, 1, maxSplitsSampled);
            this.freq = freq;
            this.maxSplitsSampled = maxSplitsSampled;
        }

        @Override
        public Sample sample(Splits input) throws IOException {
            int chosen = Math.min(maxSplitsSampled, input.count());
            int[] order = visitOrder(input.count(), chosen);
            List<byte[]> keys = new ArrayList<>();
            long total = 0;
            for (int j = 0; j < chosen; j++) {
                long records = 0, kept = 0;
                try (Keys split = input.open(order[j])) {
                    for (byte[] k; (k = split.next()) != null; ) {
                        records++;
                        if ((double) kept / records < freq) {
                            keys.add(k);
                            kept++;
                        }
                    }
                }
                total += records;
            }
            return new Sample(keys, chosen, total, null);
        }
    }
}
