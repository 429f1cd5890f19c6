package dev.mr.master.scheduler;

import dev.mr.api.Counters;
import dev.mr.api.spi.AttemptId;
import dev.mr.master.scheduler.AttemptUpdate.Finished;
import dev.mr.master.scheduler.AttemptUpdate.Running;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How fast the scheduler alone assigns work (not a test; run by {@code scripts/lib/bench-scheduler.sh}).
 * A cluster of 10,000 workers with 4 slots each runs 100,000 tasks: 20 jobs of 4,750 maps (splits
 * with 3 replicas on random workers) and 250 reduces. Every worker heartbeats once per simulated
 * second, a map finishes at its worker's next heartbeat, a reduce once it has been told every map
 * output, and commits are confirmed at once. The figure is assignments per second of wall-clock
 * time for the whole run (heartbeats, reports, map output feeds and commits included), the median
 * of 3 runs after two warm-up runs, set against the target of 50,000 per second; the rate per CPU
 * second of the scheduler's thread is printed beside it, as a figure less sensitive to a busy machine.
 *
 * <p>Arguments: {@code [workers] [jobs] [mapsPerJob] [reducesPerJob] [runs]}.
 */
public final class SchedulerBenchmark {

    private static final double TARGET = 50_000;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    record Result(long assignments, long events, double seconds, double cpuSeconds, long simulatedSeconds) {
        double perSecond() {
            return assignments / seconds;
        }

        double perCpuSecond() {
            return assignments / cpuSeconds;
        }
    }

    public static void main(String[] args) {
        int workers = arg(args, 0, 10_000);
        int jobs = arg(args, 1, 20);
        int maps = arg(args, 2, 4_750);
        int reduces = arg(args, 3, 250);
        int runs = arg(args, 4, 3);
        System.out.printf("scheduler benchmark: %,d workers x 4 slots, %,d tasks (%d jobs x (%,d maps + %,d reduces))%n",
                workers, (long) jobs * (maps + reduces), jobs, maps, reduces);
        for (int i = 0; i < 2; i++) {
            Result warm = run(workers, jobs, maps, reduces, 1 + i);
            System.out.printf("  warm-up %d: %,.0f assignments/s%n", i + 1, warm.perSecond());
        }
        double[] rates = new double[runs];
        double[] cpuRates = new double[runs];
        for (int i = 0; i < runs; i++) {
            Result r = run(workers, jobs, maps, reduces, 100 + i);
            rates[i] = r.perSecond();
            cpuRates[i] = r.perCpuSecond();
            System.out.printf("  run %d: %,d assignments, %,d events in %.2f s (%.2f s of CPU; %,d s simulated): %,.0f assignments/s (%,.0f per CPU second)%n",
                    i + 1, r.assignments(), r.events(), r.seconds(), r.cpuSeconds(), r.simulatedSeconds(), r.perSecond(), r.perCpuSecond());
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        double median = rates[runs / 2];
        System.out.printf("median of %d: %,.0f assignments/s (%.2fx the %,.0f/s target); %,.0f per CPU second of the scheduler's thread%n",
                runs, median, median / TARGET, TARGET, cpuRates[runs / 2]);
    }

    static Result run(int workerCount, int jobCount, int maps, int reduces, long seed) {
        Random random = new Random(seed);
        Scheduler s = new Scheduler(SchedulerSettings.defaults());
        String[] ids = new String[workerCount];
        long[] incarnations = new long[workerCount];
        List<List<AttemptId>> runs = new ArrayList<>(workerCount);
        Map<AttemptId, int[]> known = new HashMap<>();
        Counters counters = new Counters().increment("bench", "RECORDS", 1);
        List<List<MapSplit>> jobSplits = new ArrayList<>(jobCount);
        for (int j = 1; j <= jobCount; j++) {
            List<MapSplit> splits = new ArrayList<>(maps);
            for (int m = 0; m < maps; m++) {
                splits.add(new MapSplit(m, 64 << 20, List.of("h" + random.nextInt(workerCount), "h" + random.nextInt(workerCount),
                        "h" + random.nextInt(workerCount))));
            }
            jobSplits.add(splits);
        }
        System.gc(); // the inputs, and the previous run's garbage, are not this run's cost
        long now = 0;
        long assignments = 0;
        long events = 0;
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < workerCount; i++) {
            ids[i] = "w" + i;
            incarnations[i] = ((Effect.AcceptWorker) s.on(new Event.WorkerRegistered(now, ids[i], "h" + i, "http://h" + i, 4)).get(0)).incarnation();
            runs.add(new ArrayList<>(4));
            events++;
        }
        for (int j = 1; j <= jobCount; j++) {
            s.on(new Event.JobSubmitted(now, String.format("job_%04d", j), JobSettings.defaults(), jobSplits.get(j - 1), reduces));
            events++;
        }
        int unfinished = jobCount;
        while (unfinished > 0) {
            now += 1_000;
            for (int i = 0; i < workerCount; i++) {
                List<AttemptId> mine = runs.get(i);
                List<AttemptUpdate> reports = new ArrayList<>(mine.size());
                for (int k = mine.size() - 1; k >= 0; k--) {
                    AttemptId a = mine.get(k);
                    int[] told = known.get(a);
                    if (told == null || told[0] >= maps) {
                        reports.add(new Finished(a, counters));
                        mine.remove(k);
                        known.remove(a);
                    } else {
                        reports.add(new Running(a, 0.5, told[0]));
                    }
                }
                List<Effect> out = s.on(new Event.HeartbeatReceived(now, ids[i], incarnations[i], 4 - mine.size(), reports));
                events++;
                for (Effect e : out) {
                    if (e instanceof Effect.AssignAttempt a) {
                        assignments++;
                        mine.add(a.attempt());
                        if (!a.attempt().task().map()) known.put(a.attempt(), new int[1]);
                    } else if (e instanceof Effect.TellMapOutputs t) {
                        known.get(t.reduceAttempt())[0] += t.events().size();
                    } else if (e instanceof Effect.CommitTask c) {
                        for (Effect x : s.on(new Event.TaskCommitFinished(now, c.attempt()))) {
                            if (x instanceof Effect.CommitJob cj) {
                                s.on(new Event.JobCommitFinished(now, cj.jobId()));
                                unfinished--;
                                events++;
                            }
                        }
                        events++;
                    } else if (e instanceof Effect.CommitJob cj) {
                        s.on(new Event.JobCommitFinished(now, cj.jobId()));
                        unfinished--;
                        events++;
                    }
                }
            }
            s.on(new Event.Ticked(now));
            events++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long expected = (long) jobCount * (maps + reduces);
        if (assignments != expected) throw new IllegalStateException("expected " + expected + " assignments, made " + assignments);
        return new Result(assignments, events, seconds, cpuSeconds, now / 1_000);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
