package dev.mr.master.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which history files to keep: those of the newest {@code maxJobs} ended jobs, as long as they
 * add up to at most {@code maxBytes}; the oldest go first, whichever bound they are beyond.
 * Newest means the latest to end (then the highest job id), the order in which the running
 * master retires jobs from memory, so the jobs it shows whole are the same before and after a
 * restart. Pure and immutable.
 */
public record Retention(int maxJobs, long maxBytes) {

    /** One kept file: its job, when that ended, and its size on disk. */
    public record Kept(String jobId, long finishTime, long bytes) {}

    /** Oldest first: by finish time, then job id (ids grow with submission). */
    public static final Comparator<Kept> OLDEST_FIRST = Comparator.comparingLong(Kept::finishTime).thenComparing(Kept::jobId);

    public Retention {
        if (maxJobs < 0 || maxBytes < 0) throw new IllegalArgumentException("bounds must not be negative: " + maxJobs + " jobs, " + maxBytes + " bytes");
    }

    /** Whether any history is kept at all. */
    public boolean keepsAny() {
        return maxJobs > 0 && maxBytes > 0;
    }

    /** Whether one job's history of {@code bytes} could be kept, were it the only one. */
    public boolean fits(long bytes) {
        return keepsAny() && bytes <= maxBytes;
    }

    /** The files to delete from {@code files} (any order) to be within both bounds, oldest first. */
    public List<Kept> beyond(Collection<Kept> files) {
        List<Kept> byAge = new ArrayList<>(files);
        byAge.sort(OLDEST_FIRST);
        long total = 0;
        for (Kept k : byAge) total += k.bytes();
        List<Kept> out = new ArrayList<>();
        int left = byAge.size();
        for (Kept k : byAge) {
            if (left <= maxJobs && total <= maxBytes) break;
            out.add(k);
            left--;
            total -= k.bytes();
        }
        return out;
    }
}
