package dev.mr.master.scheduler;

/**
 * The size and the fault rates of one simulated run. Rates are per simulated second across the
 * cluster (deaths, pauses, job kills) or per occurrence (an attempt failing, an answer lost).
 * Faults stop at {@code faultsUntilMs}; after it the run must settle: every job ends.
 */
record SimConfig(
        String name,
        int workers,
        int slots,
        int jobs,
        int mapsPerJob,
        int reducesPerJob,
        long faultsUntilMs,
        double workerDeathsPerSecond,
        double workerPausesPerSecond,
        double jobKillsPerSecond,
        double attemptFailure,
        double lostAnswer,
        double duplicateHeartbeat,
        double staleHeartbeat,
        double spuriousFetchFailure,
        double commitFailure,
        double poisonJobs,
        double killerJobs) {

    /** Thousands of workers and tasks with a steady trickle of every fault: the default run. */
    static SimConfig cluster() {
        return new SimConfig("cluster", 2_000, 2, 12, 400, 40, 90_000,
                0.3, 0.2, 0.005, 0.02, 0.01, 0.005, 0.002, 0.01, 0.03, 0.1, 0.1);
    }

    /** A small cluster under dense faults, where limits (attempts, deaths, exclusion) are reached often. */
    static SimConfig smallAndHostile() {
        return new SimConfig("small-hostile", 16, 2, 6, 30, 4, 120_000,
                0.15, 0.1, 0.01, 0.08, 0.04, 0.02, 0.02, 0.03, 0.08, 0.2, 0.2);
    }

    /** The scale of the benchmark: 10,000 workers and 100,000 tasks (run with -Dmr.sim.size=large). */
    static SimConfig large() {
        return new SimConfig("large", 10_000, 4, 20, 4_750, 250, 120_000,
                1.0, 0.5, 0.01, 0.01, 0.005, 0.002, 0.001, 0.005, 0.02, 0.1, 0.05);
    }
}
