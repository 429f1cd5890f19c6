package dev.mr.master.scheduler;

import org.junit.jupiter.api.Test;

/**
 * The scheduler's invariants must survive what a real cluster does to it, at scale and under
 * dense faults, whatever the interleaving: this runs seeded simulations (see {@link Simulation})
 * and checks {@link Invariants} after every event. A failure prints its seed; re-run it with
 * {@code -Dmr.sim.seed=N} (and {@code -Dmr.sim.size=large} for 10,000 workers and 100,000 tasks).
 * {@code -Dmr.sim.seeds=K} runs K seeds from {@code -Dmr.sim.seed} (default: fixed seeds, so CI is stable).
 */
class SchedulerSimulationTest {

    @Test
    void aClusterOfThousandsOfWorkersKeepsItsInvariants() {
        if (Boolean.getBoolean("mr.sim.skip")) return;
        SimConfig cfg = "large".equals(System.getProperty("mr.sim.size")) ? SimConfig.large() : SimConfig.cluster();
        runSeeds(cfg, 20240601L, 1);
    }

    @Test
    void aSmallClusterUnderDenseFaultsKeepsItsInvariants() {
        runSeeds(SimConfig.smallAndHostile(), 7L, 8);
    }

    static void runSeeds(SimConfig cfg, long defaultSeed, int defaultCount) {
        long first = Long.getLong("mr.sim.seed", defaultSeed);
        int count = Integer.getInteger("mr.sim.seeds", System.getProperty("mr.sim.seed") != null ? 1 : defaultCount);
        for (long seed = first; seed < first + count; seed++) run(cfg, seed);
    }

    static Simulation run(SimConfig cfg, long seed) {
        Simulation sim = new Simulation(cfg, seed, false);
        try {
            sim.run();
        } catch (Throwable t) {
            String where = String.format("simulation %s failed with seed %d at %d ms after %d events; re-run with -Dmr.sim.seed=%d%s",
                    cfg.name(), seed, sim.now, sim.delivered, seed, cfg.name().equals("large") ? " -Dmr.sim.size=large" : "");
            System.err.println(where);
            throw new AssertionError(where + ": " + t, t);
        }
        if (Boolean.getBoolean("mr.sim.verbose")) System.out.println("seed " + seed + ": " + sim.summary());
        return sim;
    }
}
