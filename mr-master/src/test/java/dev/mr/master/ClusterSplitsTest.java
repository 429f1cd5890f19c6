package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.dfs.DfsSettings;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.RendezvousMapper;
import dev.mr.master.testjob.WordMapper;
import dev.mr.protocol.JobView;
import dev.mr.protocol.TaskView;
import dev.mr.protocol.Timeline;
import dev.mr.protocol.TimelineBar;
import dev.mr.protocol.TimelineRow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small input must use the whole cluster: the submitting side asks the master for the slots
 * of its live workers and sizes the splits for them, so a 64 MB file on three workers of two
 * slots runs as six maps or more rather than one, and eight small files run on both of two
 * workers at once rather than packed into one map. Jobs go through the real client
 * ({@code Job.waitForCompletion} on {@code mr.framework=cluster}) to real daemons on loopback,
 * and each output is compared with the local runner's over the same input.
 */
class ClusterSplitsTest {

    @TempDir
    Path tmp;

    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
            "juliett", "kilo", "lima", "mike", "november", "oscar", "papa"};

    /** Chunks of the default 64 MiB, so that the chunk does not cut the file: the slots must. */
    private static Configuration clusterConf() {
        return TestCluster.fastConf().setLong(DfsSettings.CHUNK_SIZE, DfsSettings.DEFAULT_CHUNK_SIZE);
    }

    @Test
    void a64MegabyteFileOnThreeWorkersOfTwoSlotsRunsAsSixMapsOrMore() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(tmp.resolve("cluster"), clusterConf(), 3, 2);
             FileSystems fs = new FileSystems(client(cluster))) {
            writeText(fs, "dfs:/in/big.txt", 64_000_000, 1);
            Job job = clusterJob(cluster, "big", WordMapper.class, "dfs:/in/big.txt", "dfs:/out/big");
            assertTrue(job.waitForCompletion(false), () -> "job failed: " + job.result());

            JobView view = cluster.api.job(job.result().jobId());
            assertTrue(view.maps() >= 6, view.maps() + " maps for 64 MB on 6 slots");
            List<TaskView> maps = cluster.api.tasks(view.jobId(), "?type=map&limit=1000").items().stream()
                    .filter(t -> t.type().equals("map")).toList();
            assertEquals(view.maps(), maps.size(), "the API lists every map task");
            assertEquals(List.of("SUCCEEDED"), maps.stream().map(TaskView::state).distinct().toList());

            assertEquals(localOutput(cluster, "dfs:/in/big.txt"), output(fs, "dfs:/out/big"), "cluster output equals the local runner's");
        }
    }

    @Test
    void eightSmallFilesOnTwoWorkersRunAtOnceOnBoth() throws Exception {
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        try (LocalCluster cluster = LocalCluster.start(tmp.resolve("cluster"), clusterConf(), 2, 2);
             FileSystems fs = new FileSystems(client(cluster))) {
            for (int i = 0; i < 8; i++) writeText(fs, "dfs:/in/small/part-" + i + ".txt", 20_000, 100 + i);
            Job job = clusterJob(cluster, "small", RendezvousMapper.class, "dfs:/in/small", "dfs:/out/small")
                    .set(RendezvousMapper.DIR, markers.toString());
            assertTrue(job.waitForCompletion(false), () -> "job failed: " + job.result());

            JobView view = cluster.api.job(job.result().jobId());
            assertTrue(view.maps() >= 4, view.maps() + " maps for 8 small files on 4 slots");
            Timeline timeline = cluster.api.get("/api/v1/jobs/" + view.jobId() + "/timeline").as(Timeline.class);
            assertTrue(overlapOnTwoWorkers(timeline), "two map attempts on two workers overlap in time: " + timeline);

            assertEquals(localOutput(cluster, "dfs:/in/small"), output(fs, "dfs:/out/small"), "cluster output equals the local runner's");
        }
    }

    private static boolean overlapOnTwoWorkers(Timeline timeline) {
        List<TimelineRow> rows = timeline.rows();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                for (TimelineBar a : maps(rows.get(i))) {
                    for (TimelineBar b : maps(rows.get(j))) {
                        if (a.offset() < b.offset() + b.length() && b.offset() < a.offset() + a.length()) return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<TimelineBar> maps(TimelineRow row) {
        return row.bars().stream().filter(b -> b.phase().equals("map") && b.state().equals("SUCCEEDED")).toList();
    }

    /** What a client of this cluster holds: the master's address; dfs: by default, as mr-submit. */
    private static Configuration client(LocalCluster cluster) {
        return new Configuration().set(ConfKeys.MASTER, cluster.master.url()).set(ConfKeys.DEFAULT_FS, "dfs");
    }

    private Job clusterJob(LocalCluster cluster, String name, Class<? extends WordMapper> mapper, String in, String out) throws IOException {
        Path jar = tmp.resolve(name + ".jar");
        Files.write(jar, TestJars.of(Stream.of(mapper, WordMapper.class, CountReducer.class).distinct().toArray(Class<?>[]::new)));
        Job job = Job.create(client(cluster)).name(name).jar(jar.toString())
                .set(ConfKeys.FRAMEWORK, "cluster").set(ConfKeys.EXECUTOR, "thread")
                .set(JobSettings.TASK_MAX_ATTEMPTS, "1").set("mr.speculation", "false");
        return words(job, mapper, in, out);
    }

    private static Job words(Job job, Class<? extends WordMapper> mapper, String in, String out) {
        return job.mapper(mapper).combiner(CountReducer.class).reducer(CountReducer.class).reducers(2)
                .mapOutput(String.class, Long.class).outputTypes(String.class, Long.class).input(in).output(out);
    }

    /** The part files of a WordCount of {@code in} by the local runner (two threads), in order. */
    private List<String> localOutput(LocalCluster cluster, String in) throws Exception {
        Path out = tmp.resolve("local-" + in.hashCode());
        Job local = words(Job.create(client(cluster)).name("local").set(ConfKeys.FRAMEWORK, "local").set(ConfKeys.LOCAL_THREADS, "2"),
                WordMapper.class, in, "file:" + out);
        assertTrue(local.waitForCompletion(false), () -> "local job failed: " + local.result());
        List<String> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                parts.add(p.getFileName() + "\n" + Files.readString(p));
            }
        }
        return parts;
    }

    private static List<String> output(FileSystems fs, String dir) throws IOException {
        FsPath path = fs.resolve(dir);
        FileSystem dfs = fs.get(path);
        List<String> parts = new ArrayList<>();
        for (var f : dfs.list(path)) {
            if (!f.path().name().startsWith("part-")) continue;
            try (var in = dfs.open(f.path())) {
                parts.add(f.path().name() + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        parts.sort(null);
        return parts;
    }

    /** About {@code bytes} bytes of lines of random words, whole lines only. */
    private static void writeText(FileSystems fs, String path, long bytes, long seed) throws IOException {
        FsPath p = fs.resolve(path);
        Random random = new Random(seed);
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(fs.get(p).create(p), 1 << 20)) {
            StringBuilder line = new StringBuilder();
            while (written < bytes) {
                line.setLength(0);
                for (int w = 0, n = 1 + random.nextInt(12); w < n; w++) line.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                line.append('\n');
                byte[] b = line.toString().getBytes(StandardCharsets.US_ASCII);
                out.write(b);
                written += b.length;
            }
        }
    }
}
