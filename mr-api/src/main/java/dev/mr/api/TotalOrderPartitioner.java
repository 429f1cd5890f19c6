package dev.mr.api;

import dev.mr.api.serde.ByteBuilder;
import dev.mr.api.serde.Serde;
import dev.mr.api.spi.JobConfigurable;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.KeyComparators;
import java.util.List;

/**
 * Sends keys to reducers by range, as Hadoop's {@code TotalOrderPartitioner}: reducer {@code i}
 * gets the keys between cut points {@code i-1} and {@code i}, so the reducers' outputs,
 * concatenated in partition order, are sorted as a whole. Works for every map output key type
 * and order: it compares the serialized key with the serialized cut points in exactly the
 * order the shuffle sorts by (the job's sort comparator, else the type's own order; see
 * {@link KeyComparators}), so a key never lands in a range the sort would not put it in.
 *
 * <p>The cut points, {@code mr.reducers - 1} keys, come with the job's settings
 * ({@link ConfKeys#PARTITIONER_CUTS}); {@link InputSampler#writePartitionFile} chooses them
 * from a sample of the input:
 *
 * <pre>{@code
 * Job job = Job.create(opts.conf()).mapper(...).reducers(8).partitioner(TotalOrderPartitioner.class)
 *         .input(in).output(out);
 * InputSampler.writePartitionFile(job, new InputSampler.RandomSampler(0.01, 10_000, 10));
 * job.waitForCompletion(true);
 * }</pre>
 *
 * <p>A job whose cut points do not fit it (keys of another class than its map output key, a
 * number of cuts other than {@code mr.reducers - 1}, cuts out of order) is refused before it
 * starts, naming the mismatch. Confined to one map task's thread (its serde may be).
 */
public final class TotalOrderPartitioner<K, V> implements Partitioner<K, V>, RawPartitioner, JobConfigurable {

    /**
     * Set by {@link InputSampler} when it sampled no key (an empty input): the job then has no
     * cut points and every key goes to the first reducer.
     */
    static final String EMPTY_SAMPLE = "mr.partitioner.cuts.empty.sample";

    private CutPoints cuts;
    private Serde<Object> keySerde;
    private final ByteBuilder scratch = new ByteBuilder();

    @Override
    @SuppressWarnings("unchecked")
    public void configure(JobDefinition job) {
        String encoded = job.conf().get(ConfKeys.PARTITIONER_CUTS);
        String keyClass = job.mapOutputKeyClass().getName();
        if (encoded == null) {
            throw new InvalidJobException(getClass().getSimpleName() + " has no cut points (" + ConfKeys.PARTITIONER_CUTS
                    + "): choose them in the driver with InputSampler.writePartitionFile(job, sampler)");
        }
        String cutsClass = job.conf().get(ConfKeys.PARTITIONER_CUTS_KEY_CLASS);
        if (!keyClass.equals(cutsClass)) {
            throw new InvalidJobException("the total-order cut points are keys of " + (cutsClass == null ? "no class named" : cutsClass)
                    + " (" + ConfKeys.PARTITIONER_CUTS_KEY_CLASS + ") but the job's map output key is " + keyClass
                    + ": run InputSampler.writePartitionFile on this job once its mapper and types are set");
        }
        List<byte[]> list;
        try {
            list = CutPoints.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(ConfKeys.PARTITIONER_CUTS + " is not cut points written by InputSampler.writePartitionFile: "
                    + e.getMessage());
        }
        int reducers = job.reducers();
        if (list.size() != reducers - 1 && !(list.isEmpty() && job.conf().getBoolean(EMPTY_SAMPLE, false))) {
            throw new InvalidJobException("the total-order cut points split the keys " + (list.size() + 1) + " ways but the job has "
                    + reducers + " reducers (" + ConfKeys.REDUCERS + "): set the reducers before InputSampler.writePartitionFile");
        }
        keySerde = (Serde<Object>) job.newSerdes().forClass(job.mapOutputKeyClass());
        cuts = new CutPoints(list, KeyComparators.sort(job, keySerde));
        int bad = cuts.firstOutOfOrder();
        if (bad >= 0) {
            throw new InvalidJobException("total-order cut point " + bad + " sorts before the one before it in the job's sort order: "
                    + "choose the cut points again with InputSampler.writePartitionFile under the same sort comparator");
        }
    }

    @Override
    public int partition(K key, V value, int numPartitions) {
        ByteBuilder b = scratch;
        b.reset();
        keySerde.write(key, b);
        return partition(b.array(), 0, b.length(), numPartitions);
    }

    @Override
    public int partition(byte[] key, int off, int len, int numPartitions) {
        if (cuts == null) throw new IllegalStateException(getClass().getSimpleName() + " used before configure(JobDefinition)");
        return Math.min(cuts.partition(key, off, len), numPartitions - 1);
    }
}
