package dev.mr.master.status;

import dev.mr.master.jobs.JobIds;
import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The jobs page's list: running jobs first, then the newest first (ties by id, newest first),
 * optionally only the jobs in one state, one page at a time. Stateless.
 */
public final class JobListing {

    /** Running (and submitted) jobs first, then by submit time and id, newest first. */
    public static final Comparator<JobView> ORDER = Comparator
            .comparing((JobView v) -> isFinal(v.state()))
            .thenComparing(JobView::submitTime, Comparator.reverseOrder())
            .thenComparing(v -> JobIds.number(v.jobId()), Comparator.reverseOrder());

    private static final Set<String> STATES = Set.of("SUBMITTED", "RUNNING", "SUCCEEDED", "FAILED", "KILLED");

    private JobListing() {}

    /**
     * @param state a job state (any case), {@code active} for those not yet ended, or null/empty for all
     */
    public static Page<JobView> select(List<JobView> jobs, String state, int offset, int limit) {
        Paging.check(offset, limit);
        String wanted = state == null || state.isEmpty() ? null : state.toUpperCase(Locale.ROOT);
        if (wanted != null && !wanted.equals("ACTIVE") && !STATES.contains(wanted)) {
            throw new IllegalArgumentException("state=" + state + " is not a job state; use running, succeeded, failed, killed or active");
        }
        List<JobView> matching = new ArrayList<>(jobs.size());
        for (JobView v : jobs) {
            if (wanted == null || v.state().equals(wanted) || (wanted.equals("ACTIVE") && !isFinal(v.state()))) matching.add(v);
        }
        matching.sort(ORDER);
        return Paging.page(matching, offset, limit);
    }

    static boolean isFinal(String state) {
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("KILLED");
    }
}
