package dev.mr.master.history;

import dev.mr.api.Configuration;
import dev.mr.master.core.Master;
import dev.mr.master.core.MasterSettings;
import dev.mr.master.journal.JobJournal;
import dev.mr.protocol.JobSpec;
import dev.mr.protocol.JobStats;
import dev.mr.protocol.JobView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long the master takes to start with a full job history (not a test; run by
 * {@code scripts/lib/bench-history.sh}): a master directory with 1,000 ended jobs in its job
 * journal and their 1,000 history files of 200 tasks each, opened and closed again and again.
 * The figure is the median time of {@code Master.open}, set against the same directory without
 * its history (the baseline, measured in the same run), and the time of the first and of a
 * cached request for one job's statistics, which read its file.
 *
 * <p>Arguments: {@code [jobs] [tasksPerJob] [runs]}.
 */
public final class HistoryStartBenchmark {

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path dir = Files.createTempDirectory("mr-history-bench");
        try {
            long made = System.nanoTime();
            fill(dir, jobs, tasks);
            System.out.printf("made %d ended jobs of %d tasks: %d history files, %.1f MiB, in %.1f s%n", jobs, tasks,
                    count(dir.resolve(Master.HISTORY)), size(dir.resolve(Master.HISTORY)) / 1048576.0, (System.nanoTime() - made) / 1e9);
            MasterSettings settings = new MasterSettings(dir, "http://127.0.0.1:9", new Configuration(), System::currentTimeMillis);
            String last = String.format("job_%04d", jobs);
            for (int i = 0; i < 2; i++) start(settings, null); // warm-up
            List<Double> withHistory = new ArrayList<>();
            List<Double> firstStats = new ArrayList<>();
            List<Double> cachedStats = new ArrayList<>();
            for (int i = 0; i < runs; i++) withHistory.add(start(settings, last, firstStats, cachedStats));
            Path away = dir.resolve("history-away");
            Files.move(dir.resolve(Master.HISTORY), away);
            List<Double> without = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                without.add(start(settings, null));
                deleteTree(dir.resolve(Master.HISTORY)); // each start makes it anew
            }
            double w = median(withHistory);
            double b = median(without);
            System.out.printf("master start with %d history files: median %.1f ms over %d runs; without them (baseline): %.1f ms; ratio %.2f%n",
                    jobs, w, runs, b, w / b);
            System.out.printf("first /stats of %s (reads its file): median %.1f ms; again (cached): %.2f ms%n", last, median(firstStats),
                    median(cachedStats));
        } finally {
            deleteTree(dir);
        }
    }

    /** A journal of {@code jobs} ended jobs, and a history file of each. */
    static void fill(Path dir, int jobs, int tasks) throws IOException {
        long now = System.currentTimeMillis();
        HistoryStore store = HistoryStore.open(dir.resolve(Master.HISTORY), new Retention(jobs, Long.MAX_VALUE >> 1), jobs);
        try (JobJournal journal = JobJournal.open(dir.resolve("journal"), HistoryStartBenchmark::failStop)) {
            for (int i = 1; i <= jobs; i++) {
                String id = String.format("job_%04d", i);
                long finish = now - (jobs - i) * 60_000L;
                JobView view = new JobView(id, "bench " + i, "SUCCEEDED", "SUCCEEDED", finish - 10_000, finish, tasks, 1, tasks, 1, 1, 1,
                        "dfs:/in", "dfs:/out/" + i, Map.of(), null, "mr-submit ...", "bench");
                journal.ended(view, new JobSpec(id, Map.of("mr.output.path", "dfs:/out/" + i), "00"));
                store.write(Histories.job(id, finish, tasks));
            }
        }
    }

    private static double start(MasterSettings settings, String ask) throws IOException {
        return start(settings, ask, new ArrayList<>(), new ArrayList<>());
    }

    /** Milliseconds {@code Master.open} took; then, when {@code ask} is given, times two requests for its statistics. */
    private static double start(MasterSettings settings, String ask, List<Double> first, List<Double> cached) throws IOException {
        long t0 = System.nanoTime();
        Master m = Master.open(settings, HistoryStartBenchmark::failStop);
        double ms = (System.nanoTime() - t0) / 1e6;
        try {
            if (ask != null) {
                long t1 = System.nanoTime();
                JobStats s = m.stats(ask).join();
                first.add((System.nanoTime() - t1) / 1e6);
                if (s.phases().isEmpty()) throw new IllegalStateException("no history served for " + ask + ": " + s.note());
                long t2 = System.nanoTime();
                m.stats(ask).join();
                cached.add((System.nanoTime() - t2) / 1e6);
            }
        } finally {
            m.close();
        }
        return ms;
    }

    private static void failStop(String reason, Throwable cause) {
        throw new IllegalStateException("the job journal failed: " + reason, cause);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static long size(Path dir) throws IOException {
        long b = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) b += Files.size(p);
        }
        return b;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
