package dev.mr.master.history;

import dev.mr.master.scheduler.AttemptState;
import dev.mr.master.scheduler.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Job histories written out by hand, as an ended job's snapshot would give them, for the history's tests. */
final class Histories {

    static final String ERROR = "java.lang.IllegalStateException: cannot parse <b>x</b>\n\tat com.acme.Parse.map(Parse.java:12)\n";
    static final String LOG = "INFO starting\nWARN about to fail on the record at offset 42\n";

    private Histories() {}

    /**
     * A job of {@code maps} maps and one reduce, submitted at {@code finish - 10_000}: each map
     * failed once (with an error and a log tail) then succeeded on another worker.
     */
    static JobHistory job(String jobId, long finish, int maps) {
        long submit = finish - 10_000;
        List<JobHistory.Task> tasks = new ArrayList<>();
        for (int i = 0; i < maps; i++) {
            long s = submit + 10 * i;
            JobHistory.Attempt failed = new JobHistory.Attempt(0, AttemptState.FAILED, "w-" + (i % 3), 1, s, s + 100, true, false, 0.25,
                    ERROR, LOG, null, false);
            JobHistory.Attempt won = new JobHistory.Attempt(1, AttemptState.SUCCEEDED, "w-" + ((i + 1) % 3), 2, s + 200, s + 900 + i, false,
                    false, 1.0, null, null, Map.of("Framework", Map.of("MAP_INPUT_RECORDS", 100L + i, "MAP_INPUT_BYTES", 4096L),
                            "Words", Map.of("LINES", 7L)), false, "read " + (100 + i) + " records");
            tasks.add(new JobHistory.Task(String.format("%s_m_%06d", jobId, i), TaskState.SUCCEEDED, s, s + 900 + i, 1, 0, 1, ERROR,
                    List.of(), List.of(failed, won)));
        }
        JobHistory.Attempt reduce = new JobHistory.Attempt(0, AttemptState.SUCCEEDED, "w-0", 1, finish - 2000, finish - 100, false, false,
                1.0, null, null, Map.of("Framework", Map.of("REDUCE_INPUT_RECORDS", 55L, "OUTPUT_RECORDS", 9L)), false);
        tasks.add(new JobHistory.Task(jobId + "_r_000000", TaskState.SUCCEEDED, finish - 2000, finish - 100, 0, 0, 0, null, List.of(),
                List.of(reduce)));
        return new JobHistory(HistoryFormat.VERSION, jobId, submit, finish, maps, 1, tasks);
    }
}
