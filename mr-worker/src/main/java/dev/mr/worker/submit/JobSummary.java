package dev.mr.worker.submit;

import dev.mr.api.JobResult;
import java.io.PrintStream;
import java.util.Locale;

/** What a finished job prints, locally or from the cluster: its end, its error if any, its counters and where its output is. */
public final class JobSummary {

    private JobSummary() {}

    public static void print(PrintStream out, JobResult result) {
        out.printf(Locale.ROOT, "job %s %s in %.1f s%n", result.jobId(), result.state(), result.elapsedMillis() / 1000.0);
        if (result.failure() != null) out.println(result.failure());
        out.print("counters:\n" + result.counters().format());
        if (result.succeeded()) out.println("output: " + result.output());
    }
}
