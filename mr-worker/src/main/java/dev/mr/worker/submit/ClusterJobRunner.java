package dev.mr.worker.submit;

import dev.mr.security.Credentials;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Counters;
import dev.mr.api.InvalidJobException;
import dev.mr.api.JobResult;
import dev.mr.api.JobState;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.JobRunner;
import dev.mr.api.spi.JobSplits;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.api.spi.ShippedFileDownloads;
import dev.mr.api.spi.ShippedFiles;
import dev.mr.worker.attempt.JobClassPath;
import dev.mr.protocol.SubmittedSplits;
import dev.mr.protocol.JobView;
import dev.mr.protocol.SubmitResponse;
import dev.mr.shuffle.ShuffleCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.commons.io.file.PathUtils;

/**
 * Runs a job on the cluster whose master is {@code mr.master} ({@code mr.framework=cluster}):
 * checks it locally first (so a missing class is reported before anything is uploaded),
 * computes its input splits here, submits its jar, settings, splits and shipped files ({@code -files}, {@code -libjars},
 * {@code -archives}; a missing one is refused before anything is uploaded), then follows it to its end with a progress line,
 * riding through restarts of the master ({@link MasterRide}). The master's refusal of a job becomes an
 * {@link InvalidJobException} with the master's message.
 */
public final class ClusterJobRunner implements JobRunner {

    /** How often the progress line moves; the job's end is reported at once (the master holds the request until then). */
    static final long PROGRESS_MILLIS = 500;

    @Override
    public String framework() {
        return "cluster";
    }

    @Override
    public JobResult run(Configuration conf, ClassLoader loader, boolean verbose) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String masterUrl = conf.get(ConfKeys.MASTER);
        if (masterUrl == null) throw new InvalidJobException("no master named: set mr.master, --master or MR_MASTER");
        String jar = conf.get(ConfKeys.JOB_JAR);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new InvalidJobException(jar == null
                    ? "the job has no jar to ship to the cluster: package it and call Job.jarByClass(YourDriver.class) or Job.jar(path)"
                    : "job jar " + jar + " does not exist");
        }
        JobClient master = new JobClient(masterUrl, Credentials.find(conf::get));
        PrintStream log = System.err;
        ProgressLine progress = verbose ? new ProgressLine(log, System.console() != null, start) : null;
        // said even when not verbose: a call that blocks for minutes owes its caller the reason
        MasterRide ride = ride(master, conf, progress != null ? progress::note : log::println);
        SubmitResponse submitted = submit(master, conf, loader, ride);
        if (verbose) log.println("job " + submitted.jobId() + " submitted to " + master.url() + " (" + submitted.url() + ")");
        JobView view = follow(master, ride, submitted.jobId(), progress);
        JobResult result = result(view, (System.nanoTime() - start) / 1_000_000);
        if (verbose) JobSummary.print(log, result);
        return result;
    }

    /**
     * Checks the job here and computes its input splits with its input format (the master never
     * runs the job's code), sized for the slots of the cluster's live workers
     * ({@link ConfKeys#SLOTS}), then hands jar, settings and splits to the master; a refusal
     * becomes an {@link InvalidJobException}.
     */
    static SubmitResponse submit(JobClient master, Configuration conf, ClassLoader loader, MasterRide ride) throws IOException, InterruptedException {
        List<ShippedFiles.Entry> listed = shipped(conf);
        Configuration resolved = conf.copy();
        if (!resolved.isSet(ConfKeys.DEFAULT_FS)) resolved.set(ConfKeys.DEFAULT_FS, "dfs"); // as the master resolves the job's paths
        Path downloads = Files.createTempDirectory("mr-submit-files-");
        try {
            List<ShippedFiles.Entry> shipped = download(listed, resolved, downloads); // -files from hdfs:, s3a:, dfs: ship as local ones
            SubmittedSplits splits = splits(master, resolved, loader, ride);
            return ride.submit(() -> master.submit(Path.of(conf.get(ConfKeys.JOB_JAR)), conf.asMap(), splits, shipped));
        } catch (JobClient.MasterException e) {
            if (e.status >= 400 && e.status < 500) throw new InvalidJobException(e.getMessage());
            throw e;
        } finally {
            PathUtils.deleteDirectory(downloads);
        }
    }

    /** The files the job ships, those in a store downloaded into {@code dir}; one that cannot be read refuses the job. */
    public static List<ShippedFiles.Entry> download(List<ShippedFiles.Entry> shipped, Configuration conf, Path dir) throws IOException {
        try {
            return ShippedFileDownloads.download(shipped, conf, dir);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
    }

    /** The job's splits, computed here with its classes (its lib/ and libjars too, as on the workers) for the cluster's live slots. */
    private static SubmittedSplits splits(JobClient master, Configuration resolved, ClassLoader loader, MasterRide ride)
            throws IOException, InterruptedException {
        try (JobClassPath.Client classPath = JobClassPath.forClient(resolved, loader)) {
            JobDefinition def = JobDefinition.load(resolved, classPath.loader()); // its classes, checked before the master is asked anything
            ShuffleCodec.from(resolved); // and a map output codec no worker could use
            // with no live worker yet, 0: splits of the max size
            int slots = JobClient.liveSlots(ride.read("ask for the workers", master::workers));
            return wire(JobSplits.compute(def, slots));
        }
    }

    /** The files the job ships, each there to be read, before anything is computed or uploaded. */
    static List<ShippedFiles.Entry> shipped(Configuration conf) {
        try {
            return ShippedFiles.check(conf);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
    }

    static SubmittedSplits wire(List<EncodedSplit> splits) {
        List<SubmittedSplits.Split> out = new ArrayList<>(splits.size());
        for (EncodedSplit s : splits) out.add(new SubmittedSplits.Split(s.split(), s.path(), s.length(), s.hosts()));
        return new SubmittedSplits(out);
    }

    /** The ride of {@code master}'s calls, bounded by the job's {@link ConfKeys#CLIENT_RETRY_MAX_MS}; {@code say} hears its notices. */
    static MasterRide ride(JobClient master, Configuration conf, Consumer<String> say) {
        return new MasterRide(master.url(), MasterRetryLoop.system(MasterRetryPolicy.forClients(conf, new Random())), say);
    }

    /**
     * Follows the job until it ends, a view every {@value #PROGRESS_MILLIS} ms or at its end,
     * through outages of the master as {@code ride} allows.
     */
    static JobView follow(JobClient master, MasterRide ride, String jobId, ProgressLine progress) throws IOException, InterruptedException {
        try {
            while (true) {
                JobView v = ride.poll(jobId, () -> master.job(jobId, PROGRESS_MILLIS));
                if (progress != null) progress.update(v.mapProgress(), v.reduces() == 0 ? 1 : v.reduceProgress());
                if (JobState.valueOf(v.state()).isFinal()) return v;
            }
        } finally {
            if (progress != null) progress.finish();
        }
    }

    static JobResult result(JobView v, long elapsedMillis) {
        Counters counters = v.counters() == null ? new Counters() : Counters.of(v.counters());
        return new JobResult(v.jobId(), JobState.valueOf(v.state()), counters, v.diagnostics(), v.output(), elapsedMillis);
    }
}
