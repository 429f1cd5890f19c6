package dev.mr.master.jobs;

import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import java.util.List;

/**
 * The largest job the cluster admits: at most {@link #MAX_REDUCERS} reduce tasks and
 * {@link #MAX_SPLITS} input splits (map tasks). The scheduler keeps a record per task and
 * every reducer fetches from every map, so one oversized job would otherwise take the master's
 * memory before its first task ran. Read from the master's settings only, never a job's.
 * Immutable.
 *
 * <p>{@link #checkSplits} takes the finished list of splits, wherever it was computed, so the
 * check stays the same when splits come from the submitting side.
 */
public record JobCaps(int maxReducers, int maxSplits) {

    /** Reduce tasks of one cluster job (default 10000). */
    public static final String MAX_REDUCERS = "mr.master.max.reducers";
    /** Input splits, that is map tasks, of one cluster job (default 100000). */
    public static final String MAX_SPLITS = "mr.master.max.splits";

    public JobCaps {
        if (maxReducers < 1) throw new IllegalArgumentException("setting " + MAX_REDUCERS + "=" + maxReducers + " must be positive");
        if (maxSplits < 1) throw new IllegalArgumentException("setting " + MAX_SPLITS + "=" + maxSplits + " must be positive");
    }

    public static JobCaps from(Configuration masterConf) {
        return new JobCaps(masterConf.getInt(MAX_REDUCERS, 10_000), masterConf.getInt(MAX_SPLITS, 100_000));
    }

    public void checkReducers(int reducers) {
        if (reducers > maxReducers) {
            throw new InvalidJobException("the job asks for " + reducers + " reducers, more than this cluster's cap of " + maxReducers
                    + " (" + MAX_REDUCERS + "); use fewer reducers, or ask the operator to raise the cap");
        }
    }

    public void checkSplits(List<?> splits) {
        if (splits.size() > maxSplits) {
            throw new InvalidJobException("the job's input makes " + splits.size() + " splits (map tasks), more than this cluster's cap of "
                    + maxSplits + " (" + MAX_SPLITS + "); use larger splits (mr.input.split.size) or fewer input files, "
                    + "or ask the operator to raise the cap");
        }
    }
}
