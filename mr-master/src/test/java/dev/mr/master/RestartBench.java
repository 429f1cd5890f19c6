package dev.mr.master;

import dev.mr.api.Configuration;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.security.ClusterSecret;
import dev.mr.security.ClusterSecurity;
import dev.mr.dfs.journal.FailStop;
import dev.mr.dfs.journal.Journal;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceOp;
import dev.mr.master.http.MasterDaemon;
import dev.mr.master.jobs.JobRecord;
import dev.mr.master.journal.JobJournal;
import dev.mr.protocol.JobView;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long a restarted master takes until every job runs again: a master directory holding a
 * dfs namespace of {@code files} files (a checkpoint), {@code ended} ended jobs and
 * {@code running} running jobs of {@code maps} maps each, half of whose map outputs the journal
 * places on workers, is written by the first call on an empty {@code dir}; each later call starts
 * the daemon on it {@code runs} times in this JVM (the first start is the one a restart pays: a
 * fresh JVM), from the call to its first answer listing the running jobs, and prints each start
 * and the heap held.
 *
 * <pre>RestartBench [files=1000000] [ended=1000] [running=10] [maps=100] [runs=1] dir=DIR</pre>
 */
public final class RestartBench {

    private static final FailStop STOP = (reason, cause) -> {
        throw new IllegalStateException("journal failed: " + reason, cause);
    };

    public static void main(String[] args) throws Exception {
        int files = arg(args, "files", 1_000_000);
        int ended = arg(args, "ended", 1_000);
        int running = arg(args, "running", 10);
        int maps = arg(args, "maps", 100);
        int runs = arg(args, "runs", 1);
        Path dir = Path.of(Arrays.stream(args).filter(a -> a.startsWith("dir=")).map(a -> a.substring(4)).findFirst()
                .orElse("/tmp/mr-restart-bench"));
        Path journal = Files.createDirectories(dir.resolve("master/journal"));
        if (!Files.exists(journal.resolve(JobJournal.FILE))) {
            long t0 = System.nanoTime();
            writeNamespace(journal, files, running);
            writeJobs(journal, ended, running, maps);
            System.out.printf("master directory %s: %,d dfs files, %,d ended jobs, %,d running jobs of %,d maps (written in %.1f s)%n",
                    dir, files, ended, running, maps, (System.nanoTime() - t0) / 1e9);
            return;
        }
        ClusterSecurity security = ClusterSecurity.secure(ClusterSecret.loadOrCreate(dir.resolve("secret")));
        long[] ms = new long[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            try (MasterDaemon d = MasterDaemon.start(dir, "127.0.0.1", "127.0.0.1", 0, new Configuration(), security)) {
                Api api = new Api(d.url(), security.credentials());
                List<JobView> live = api.get("/api/v1/jobs?state=running&limit=1000").as(
                        new com.fasterxml.jackson.core.type.TypeReference<dev.mr.protocol.Page<JobView>>() {}).items();
                ms[r] = (System.nanoTime() - start) / 1_000_000;
                if (live.size() != running) throw new IllegalStateException(live.size() + " jobs running again, not " + running);
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("start %d in this JVM: %,d ms from start to every job running again; heap in use %,d MiB%n", r + 1, ms[r],
                        heap >> 20);
                System.out.printf("bench-start ms=%d heap_mib=%d%n", ms[r], heap >> 20);
            }
        }
    }

    /** A checkpoint of {@code files} one-chunk files, and the running jobs' prepared outputs. */
    private static void writeNamespace(Path journal, int files, int running) throws Exception {
        Namespace ns = new Namespace();
        long time = 1_700_000_000_000L;
        for (int i = 0; i < files; i++) {
            long inode = ns.nextInode();
            long chunk = ns.nextChunk().seq();
            ns.apply(new NamespaceOp.Create(String.format("/data/d%04d/f%06d", i / 1000, i), inode, 3, 64L << 20, "bench", time + i));
            ns.apply(new NamespaceOp.AddChunk(inode, chunk));
            ns.apply(new NamespaceOp.CommitChunk(inode, chunk, 1000, i));
            ns.apply(new NamespaceOp.Close(inode, 1000, time + i));
        }
        try (Journal j = new Journal(journal, STOP)) {
            j.recover();
            j.checkpoint(ns);
        }
    }

    private static JobRecord job(int n, int maps) {
        List<EncodedSplit> splits = new ArrayList<>(maps);
        for (int m = 0; m < maps; m++) splits.add(new EncodedSplit("AQID", "/data/d0000/f" + String.format("%06d", m), 1000, List.of("h:1")));
        return new JobRecord(String.format("job_%04d", n), 1000 + n, "bench", "dfs:/data", "dfs:/out/job" + n, "mr-submit ...",
                Map.of("mr.mapper.class", "M", "mr.output.path", "dfs:/out/job" + n), "ab12", 4, splits, "bench");
    }

    private static void writeJobs(Path journal, int ended, int running, int maps) throws Exception {
        Map<String, Map<String, Long>> counters = Map.of("Framework", Map.of("MAP_INPUT_RECORDS", 1000L));
        try (JobJournal j = JobJournal.open(journal, STOP)) {
            for (int n = 1; n <= ended; n++) {
                JobRecord r = job(n, 4);
                j.submitted(r);
                j.ended(new JobView(r.jobId(), r.name(), "SUCCEEDED", "SUCCEEDED", r.submitTime(), 2000, 4, 4, 4, 4, 1, 1, r.input(), r.output(),
                        counters, null, r.command(), r.owner()), r.spec());
            }
            for (int n = ended + 1; n <= ended + running; n++) {
                JobRecord r = job(n, maps);
                j.submitted(r);
                for (int m = 0; m < maps / 2; m++) {
                    j.mapOutput(String.format("%s_m_%06d_0", r.jobId(), m), "w" + (m % 10), "http://127.0.0.1:1", 10, 20, counters);
                }
            }
            j.resumed("job_0001", 0); // a barrier: every queued record is on disk once it returns
        }
    }

    private static int arg(String[] args, String name, int dflt) {
        for (String a : args) if (a.startsWith(name + "=")) return Integer.parseInt(a.substring(name.length() + 1));
        return dflt;
    }
}
