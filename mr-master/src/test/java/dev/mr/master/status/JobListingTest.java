package dev.mr.master.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.protocol.JobView;
import dev.mr.protocol.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jobs page lists running jobs first, then the newest, one page at a time, optionally only
 * the jobs in one state: with 1,000 jobs the browser gets one page, and the order is stable.
 */
class JobListingTest {

    static JobView job(int n, String state, long submitted) {
        return new JobView(String.format("job_%04d", n), "j" + n, state, state, submitted, -1, 1, 1, 0, 0, 0, 0, "in", "out", Map.of(), null, "cmd", "alice");
    }

    static List<String> ids(Page<JobView> p) {
        return p.items().stream().map(JobView::jobId).toList();
    }

    final List<JobView> jobs = List.of(job(1, "SUCCEEDED", 100), job(2, "RUNNING", 200), job(3, "FAILED", 300), job(4, "RUNNING", 150),
            job(5, "KILLED", 300), job(6, "SUBMITTED", 400));

    @Test
    void runningJobsComeFirstThenTheNewestWithTiesByIdNewestFirst() {
        assertEquals(List.of("job_0006", "job_0002", "job_0004", "job_0005", "job_0003", "job_0001"), ids(JobListing.select(jobs, null, 0, 10)));
    }

    @Test
    void filtersByStateOrByBeingActive() {
        assertEquals(List.of("job_0002", "job_0004"), ids(JobListing.select(jobs, "running", 0, 10)));
        assertEquals(List.of("job_0006", "job_0002", "job_0004"), ids(JobListing.select(jobs, "ACTIVE", 0, 10)));
        assertEquals(List.of("job_0003"), ids(JobListing.select(jobs, "failed", 0, 10)));
        assertEquals(6, JobListing.select(jobs, "", 0, 10).total());
        assertEquals("state=done is not a job state; use running, succeeded, failed, killed or active",
                assertThrows(IllegalArgumentException.class, () -> JobListing.select(jobs, "done", 0, 10)).getMessage());
    }

    @Test
    void aThousandJobsArriveOnePageAtATime() {
        List<JobView> many = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) many.add(job(i, i % 100 == 0 ? "RUNNING" : "SUCCEEDED", i));
        Page<JobView> first = JobListing.select(many, null, 0, 50);
        assertEquals(1000, first.total());
        assertEquals(50, first.items().size());
        assertEquals("job_1000", first.items().get(0).jobId());
        assertEquals("job_0100", first.items().get(9).jobId(), "the ten running ones first");
        assertEquals("job_0999", first.items().get(10).jobId());
        Page<JobView> last = JobListing.select(many, null, 950, 50);
        assertEquals("job_0001", last.items().get(49).jobId());
        assertEquals(List.of(), JobListing.select(many, null, 1000, 50).items());
    }
}
