package dev.mr.shuffle.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this whole JVM (application, GC and JIT threads). The benchmark machine is
 * shared, so wall time alone swings with other load; CPU time is what a design costs.
 */
final class BenchClock {

    private BenchClock() {}

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
