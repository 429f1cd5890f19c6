package dev.mr.worker.runtime;

import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.Credentials;
import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.JobResult;
import dev.mr.api.TaskCounter;
import dev.mr.api.io.FileOutputCommitter;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.JobSplits;
import dev.mr.api.spi.TaskId;
import dev.mr.dfs.http.VertxFutures;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.FetchFailure;
import dev.mr.protocol.HeartbeatRequest;
import dev.mr.protocol.HeartbeatResponse;
import dev.mr.protocol.MapOutputEntry;
import dev.mr.protocol.MapOutputs;
import dev.mr.protocol.WorkerLoad;
import dev.mr.worker.fetch.FetchSettings;
import dev.mr.worker.http.WorkerHttpServer;
import dev.mr.worker.local.LocalJobRunner;
import dev.mr.worker.shuffle.MapOutputRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole way of a job through a worker, in one process: the jar from the master, maps into
 * indexed output files, map output entries through heartbeat answers (one of them pointing at a
 * worker that is gone, reported to the master and then replaced), reducers fetching over the
 * worker's own shuffle server, and reduce output under {@code _temporary/<attempt>/} that is
 * byte for byte what the local runner writes for the same job.
 */
class WorkerJobTest {

    static final String JOB = "job_0001";
    static final int MAPS = 3;
    static final int REDUCES = 2;

    @TempDir
    Path dir;

    @Test
    void mapsAndReducesGiveTheLocalRunnersOutput() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) text.append("w").append(i % 97).append(' ').append("x").append(i % 13).append(" common\n");
        Path input = Files.writeString(dir.resolve("input.txt"), text);
        Map<String, String> conf = new HashMap<>();
        conf.put(ConfKeys.MAPPER, TestJob.WordMapper.class.getName());
        conf.put(ConfKeys.REDUCER, TestJob.SumReducer.class.getName());
        conf.put(ConfKeys.REDUCERS, String.valueOf(REDUCES));
        conf.put(ConfKeys.INPUT_PATHS, input.toString());
        conf.put(ConfKeys.SPLIT_SIZE, String.valueOf(Files.size(input) / MAPS + 1));
        conf.put(ConfKeys.OUTPUT_PATH, dir.resolve("local").toString());
        JobResult local = new LocalJobRunner().run(new Configuration(conf), getClass().getClassLoader(), false);
        assertTrue(local.succeeded(), String.valueOf(local.failure()));

        conf.put(ConfKeys.OUTPUT_PATH, dir.resolve("cluster").toString());
        conf.put(ConfKeys.REDUCE_MEMORY_MB, "1");
        List<String> splits = splits(conf);
        assertEquals(MAPS, splits.size());

        Vertx vertx = Vertx.vertx();
        MapOutputRegistry outputs = new MapOutputRegistry();
        WorkerDirs dirs = new WorkerDirs(dir.resolve("w"));
        dirs.prepare();
        try (FakeMaster master = new FakeMaster()) {
            master.addJob(JOB, conf, TestJob.jar());
            WorkerHttpServer http = WorkerHttpServer.start(vertx, outputs, null, "127.0.0.1", 0, ClusterSecretExtension.security());
            Advertised advertised = new Advertised("127.0.0.1", http.port());
            Configuration settings = new Configuration().setLong(WorkerSettings.HEARTBEAT_MS, 30)
                    .setLong(FetchSettings.RETRY_MS, 20).setLong(FetchSettings.RETRY_MAX_MS, 100).setInt(FetchSettings.TRIES_PER_REPORT, 2);
            Worker worker = new Worker(WorkerSettings.from(master.url(), 2, settings), dirs, "worker-job", advertised, outputs,
                    () -> new WorkerLoad(0, 0, 0), Credentials.none());
            worker.start();
            try {
                List<Assignment> maps = new ArrayList<>();
                for (int m = 0; m < MAPS; m++) {
                    maps.add(new Assignment(TaskId.map(JOB, m).attempt(0).toString(), splits.get(m), null, MAPS, REDUCES, true, false));
                }
                master.script.add(new HeartbeatResponse(false, maps, List.of(), List.of(), List.of()));
                long mapOutputRecords = 0;
                for (AttemptReport r : master.awaitStatus(AttemptReport.FINISHED, maps.stream().map(Assignment::attempt).toList()).values()) {
                    mapOutputRecords += r.counters().get(TaskCounter.GROUP).get(TaskCounter.MAP_OUTPUT_RECORDS.name());
                }

                List<Assignment> reduces = new ArrayList<>();
                for (int p = 0; p < REDUCES; p++) reduces.add(new Assignment(TaskId.reduce(JOB, p).attempt(0).toString(), null, null, MAPS, REDUCES, false, false));
                List<String> reduceIds = reduces.stream().map(Assignment::attempt).toList();
                master.script.add(new HeartbeatResponse(false, reduces, List.of(), List.of(), List.of()));
                master.awaitStatus(AttemptReport.RUNNING, reduceIds);

                // the log as the master tells it: map 2's output is first said to be that of an attempt on a worker
                // that is gone (this worker reads the outputs it holds from its disk, so it must be one it does not hold)
                String gone = "http://127.0.0.1:1";
                AttemptId lost = TaskId.map(JOB, 2).attempt(1);
                master.script.add(new HeartbeatResponse(false, List.of(), List.of(), entries(reduceIds, 0,
                        List.of(TaskId.map(JOB, 0).attempt(0), TaskId.map(JOB, 1).attempt(0), lost),
                        List.of(advertised.url(), advertised.url(), gone), false), List.of()));
                await(WorkerLifecycleTest.WAIT, "both reducers reported map 2's output", () -> master.fetchFailures.size() >= 2);
                for (FetchFailure f : master.fetchFailures) {
                    assertEquals("worker-job", f.workerId());
                    assertEquals(7, f.incarnation());
                    assertEquals(lost.toString(), f.mapAttempt());
                    assertTrue(reduceIds.contains(f.reduceAttempt()) && f.error().contains("ConnectException"), f.toString());
                }
                HeartbeatRequest waiting = master.awaitHeartbeat(h -> h.reports().stream()
                        .filter(r -> reduceIds.contains(r.attempt()) && r.mapOutputsKnown() == MAPS && r.progress() > 0.3).count() == REDUCES);
                for (AttemptReport r : waiting.reports()) {
                    assertEquals(AttemptReport.RUNNING, r.status());
                    assertEquals(0.5 * 2 / MAPS, r.progress(), 1e-9, "two of three map outputs fetched, nothing reduced yet");
                }
                // the master declares it lost and then, say, names an attempt that did finish, here
                master.script.add(new HeartbeatResponse(false, List.of(), List.of(), entries(reduceIds, MAPS,
                        List.of(lost, TaskId.map(JOB, 2).attempt(0)), List.of(gone, advertised.url()), true), List.of()));

                long reduceInputRecords = 0;
                Map<String, AttemptReport> finished = master.awaitStatus(AttemptReport.FINISHED, reduces.stream().map(Assignment::attempt).toList());
                for (int p = 0; p < REDUCES; p++) {
                    AttemptId id = TaskId.reduce(JOB, p).attempt(0);
                    Map<String, Long> counters = finished.get(id.toString()).counters().get(TaskCounter.GROUP);
                    reduceInputRecords += counters.get(TaskCounter.REDUCE_INPUT_RECORDS.name());
                    assertTrue(counters.get(TaskCounter.SHUFFLE_BYTES.name()) > 0);
                    String part = FileOutputCommitter.partName(false, p);
                    Path written = dir.resolve("cluster").resolve(FileOutputCommitter.TEMPORARY).resolve(id.toString()).resolve(part);
                    assertEquals(Files.readString(dir.resolve("local").resolve(part)), Files.readString(written), part);
                }
                assertEquals(mapOutputRecords, reduceInputRecords);
                assertEquals(local.counters().get(TaskCounter.REDUCE_INPUT_RECORDS), reduceInputRecords);
                await(WorkerLifecycleTest.WAIT, "the reduce attempts' scratch space is gone",
                        () -> !Files.exists(dirs.attemptDir(TaskId.reduce(JOB, 0).attempt(0)))
                                && !Files.exists(dirs.attemptDir(TaskId.reduce(JOB, 1).attempt(0))));

                master.script.add(new HeartbeatResponse(false, List.of(), List.of(), List.of(), List.of(JOB)));
                await(WorkerLifecycleTest.WAIT, "the job's files are gone after its clean-up",
                        () -> !Files.exists(dirs.jobDir(JOB)) && outputs.size() == 0);
            } finally {
                worker.close();
                http.close();
                VertxFutures.await(vertx.close());
                dirs.release();
            }
        }
    }

    /** For each reduce: log entries from {@code first}, one per map attempt and address; with {@code obsoleteFirst} the first is an obsolete one. */
    private static List<MapOutputs> entries(List<String> reduces, int first, List<AttemptId> maps, List<String> addresses, boolean obsoleteFirst) {
        List<MapOutputs> out = new ArrayList<>();
        for (String r : reduces) {
            List<MapOutputEntry> log = new ArrayList<>();
            for (int i = 0; i < maps.size(); i++) {
                log.add(new MapOutputEntry(first + i, maps.get(i).toString(), addresses.get(i), obsoleteFirst && i == 0));
            }
            out.add(new MapOutputs(r, log, ClusterSecretExtension.shuffleToken(AttemptId.parse(r).task().jobId())));
        }
        return out;
    }

    private List<String> splits(Map<String, String> conf) throws Exception {
        JobDefinition def = JobDefinition.load(new Configuration(conf), getClass().getClassLoader());
        List<String> out = new ArrayList<>();
        for (EncodedSplit s : JobSplits.compute(def)) out.add(s.split());
        return out;
    }
}
