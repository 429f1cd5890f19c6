package dev.mr.worker.local;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.InvalidJobException;
import dev.mr.api.JobResult;
import dev.mr.api.JobState;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.OutputCommitter;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputFormat;
import dev.mr.api.io.InputSplit;
import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.JobRunner;
import dev.mr.api.spi.ShippedFiles;
import dev.mr.api.spi.TaskId;
import dev.mr.worker.attempt.JobClassPath;
import dev.mr.worker.log.StackTraces;
import dev.mr.worker.task.MapOutputFiles;
import dev.mr.worker.task.MapTask;
import dev.mr.worker.task.ReduceMemory;
import dev.mr.worker.task.ReduceTask;
import dev.mr.worker.task.ShuffleInput;
import dev.mr.worker.task.TaskEnvironment;
import dev.mr.worker.submit.ClusterJobRunner;
import dev.mr.worker.submit.JobSummary;
import dev.mr.worker.submit.ProgressLine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole job in this process ({@code mr.framework=local}) with the same task code the
 * workers run: maps on {@code mr.local.threads} threads (the slots its splits are sized for),
 * then reduces, each task committed as it succeeds and the job committed at the end. There are no retries: the first task
 * failure fails the job and removes its output, so a run is deterministic. This is the
 * oracle every distributed run is compared against. The job's class path is the caller's loader,
 * then its jar's {@code lib/} jars and its libjars; its shipped files are the local files themselves
 * ({@code Context.cacheFile} finds a link to each in the run's scratch directory). A task's last
 * status message ({@code context.status}) is logged when it succeeds, there being no attempt page.
 */
public final class LocalJobRunner implements JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);

    private static final AtomicInteger JOBS = new AtomicInteger();
    private static final String WORKER = "local";

    @Override
    public String framework() {
        return "local";
    }

    @Override
    public JobResult run(Configuration conf, ClassLoader loader, boolean verbose) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<ShippedFiles.Entry> shipped;
        try {
            shipped = ShippedFiles.check(conf);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
        String jobId = String.format(Locale.ROOT, "job_local%d_%04d", ProcessHandle.current().pid() % 100000, JOBS.incrementAndGet());
        Path scratch = scratchDir(conf, jobId);
        try (JobClassPath.Client classPath = JobClassPath.forClient(conf, loader)) { // its lib/ and libjars, as on a worker
            shipped = ClusterJobRunner.download(shipped, conf, Files.createDirectories(scratch.resolve("downloads")));
            Configuration withFiles = conf.copy().set(ShippedFiles.LOCAL_DIR, sideFiles(shipped, scratch).toString());
            return run(JobDefinition.load(withFiles, classPath.loader()), classPath.loader(), jobId, scratch, start, verbose);
        } finally {
            PathUtils.deleteDirectory(scratch);
        }
    }

    /**
     * {@code <scratch>/files/}, where each shipped file is a link to the file itself under its alias,
     * and each archive is unpacked into a directory named by its alias.
     */
    private static Path sideFiles(List<ShippedFiles.Entry> shipped, Path scratch) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("files"));
        for (ShippedFiles.Entry e : shipped) {
            switch (e.kind()) {
                case FILE -> Files.createSymbolicLink(dir.resolve(e.alias()), e.local().toAbsolutePath());
                case ARCHIVE -> JobClassPath.unpack(e.local(), dir.resolve(e.alias()));
                case LIBJAR -> { } // on the class path
            }
        }
        return dir;
    }

    private JobResult run(JobDefinition def, ClassLoader loader, String jobId, Path scratch, long start, boolean verbose)
            throws IOException, InterruptedException {
        PrintStream log = System.err;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try (FileSystems fileSystems = new FileSystems(def.conf())) {
            FsPath output = resolveOutput(def, fileSystems);
            OutputCommitter committer = fileSystems.get(output).outputCommitter(output);
            int threads = Math.max(1, def.conf().getInt(ConfKeys.LOCAL_THREADS, Runtime.getRuntime().availableProcessors()));
            List<InputSplit> splits = splits(def, fileSystems, threads);
            committer.checkOutput(def.conf().getBoolean(ConfKeys.OUTPUT_OVERWRITE, false));
            committer.setupJob();
            Counters counters = new Counters();
            String failure = null;
            ProgressLine progress = verbose ? new ProgressLine(log, System.console() != null, start) : null;
            if (verbose) log.println("job " + jobId + " (" + def.name() + "): " + splits.size() + " map tasks, " + def.reducers() + " reduce tasks");
            try (TaskPool pool = new TaskPool(threads, jobId)) {
                long slotMemory = ReduceMemory.slotShare(Runtime.getRuntime().maxMemory(), threads);
                new Phases(def, jobId, fileSystems, committer, scratch, slotMemory, counters, progress, splits).run(pool);
                committer.commitJob();
            } catch (TaskPool.TaskFailedException e) {
                failure = "task " + e.taskId + " failed: " + StackTraces.of(e.getCause());
                committer.abortJob();
            } catch (IOException | RuntimeException | InterruptedException e) {
                committer.abortJob();
                throw e;
            } finally {
                if (progress != null) progress.finish();
            }
            JobState state = failure == null ? JobState.SUCCEEDED : JobState.FAILED;
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            JobResult result = new JobResult(jobId, state, counters, failure, output.toString(), elapsed);
            if (verbose) JobSummary.print(log, result);
            return result;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static FsPath resolveOutput(JobDefinition def, FileSystems fileSystems) {
        try {
            return fileSystems.resolve(def.outputPath());
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException("output " + def.outputPath() + " is not a valid path: " + e.getMessage());
        }
    }

    /** The job's splits, sized for its {@code threads} map slots ({@link ConfKeys#SLOTS}). */
    private static List<InputSplit> splits(JobDefinition def, FileSystems fileSystems, int threads) throws IOException {
        @SuppressWarnings("unchecked")
        InputFormat<Object, Object> format = def.instantiate(def.inputFormatClass(), InputFormat.class);
        Configuration sized = def.conf().copy().setInt(ConfKeys.SLOTS, threads);
        return format.splits(new FormatContext(sized, fileSystems, def.newSerdes()));
    }

    private static Path scratchDir(Configuration conf, String jobId) throws IOException {
        String dir = conf.get(ConfKeys.LOCAL_DIR);
        Path base = dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : Files.createDirectories(Path.of(dir));
        return Files.createTempDirectory(base, "mr-" + jobId + "-");
    }

    /** The map phase then the reduce phase of one job. */
    private record Phases(JobDefinition def, String jobId, FileSystems fileSystems, OutputCommitter committer, Path scratch,
                          long slotMemory, Counters counters, ProgressLine progress, List<InputSplit> splits) {

        void run(TaskPool pool) throws TaskPool.TaskFailedException, InterruptedException {
            int maps = splits.size();
            int reduces = def.reducers();
            AtomicInteger mapsDone = new AtomicInteger();
            AtomicInteger reducesDone = new AtomicInteger();
            Runnable report = () -> {
                if (progress != null) progress.update(mapsDone.get(), maps, reducesDone.get(), reduces);
            };
            report.run();
            List<MapOutputFiles> outputs = new ArrayList<>(java.util.Collections.nCopies(maps, null));
            List<TaskPool.Task<MapOutputFiles>> mapTasks = new ArrayList<>();
            for (int i = 0; i < maps; i++) {
                int index = i;
                AttemptId attempt = TaskId.map(jobId, index).attempt(0);
                mapTasks.add(new TaskPool.Task<>() {
                    MapTask task;

                    @Override
                    public String id() {
                        return attempt.task().toString();
                    }

                    @Override
                    public MapOutputFiles run() throws Exception {
                        task = new MapTask(environment(attempt), splits.get(index));
                        return task.run();
                    }

                    @Override
                    public void onSuccess(MapOutputFiles result) throws IOException {
                        outputs.set(index, result);
                        logStatus(attempt, task.progress().status());
                        counters.addAll(task.counters());
                        if (def.mapOnly()) committer.commitTask(attempt.task().toString(), attempt.toString());
                        mapsDone.incrementAndGet();
                    }
                });
            }
            // largest splits first, as Hadoop does: the phase ends sooner when the long tasks start early
            mapTasks.sort(Comparator.comparingLong(t -> -splits.get(TaskId.parse(t.id()).index()).length()));
            pool.runAll(mapTasks, report);

            List<TaskPool.Task<Void>> reduceTasks = new ArrayList<>();
            for (int r = 0; r < reduces; r++) {
                AttemptId attempt = TaskId.reduce(jobId, r).attempt(0);
                reduceTasks.add(new TaskPool.Task<>() {
                    ReduceTask task;

                    @Override
                    public String id() {
                        return attempt.task().toString();
                    }

                    @Override
                    public Void run() throws Exception {
                        task = new ReduceTask(environment(attempt), localShuffle(outputs));
                        task.run();
                        return null;
                    }

                    @Override
                    public void onSuccess(Void ignored) throws IOException {
                        logStatus(attempt, task.progress().status());
                        counters.addAll(task.counters());
                        committer.commitTask(attempt.task().toString(), attempt.toString());
                        reducesDone.incrementAndGet();
                    }
                });
            }
            pool.runAll(reduceTasks, report);
        }

        private static void logStatus(AttemptId attempt, String status) {
            if (status != null) LOG.info("{}: status: {}", attempt, status);
        }

        private TaskEnvironment environment(AttemptId attempt) throws IOException {
            Path dir = Files.createDirectories(scratch.resolve(attempt.toString()));
            return new TaskEnvironment(def, attempt, WORKER, fileSystems, dir, slotMemory);
        }
    }

    /** Reducers read their partition of each map output file in place. */
    private static ShuffleInput localShuffle(List<MapOutputFiles> outputs) {
        return (partition, sink) -> {
            for (MapOutputFiles out : outputs) {
                long length = out.index().length(partition);
                if (length == 0) continue;
                sink.accept(out.index().segment(out.data(), partition), length);
            }
        };
    }

}
