package dev.mr.api.spi;

import java.util.Locale;

/**
 * A map or reduce task of a job: {@code job_0001_m_000003}, {@code job_0001_r_000000}.
 *
 * @param index the map task's number, or the reduce task's partition
 */
public record TaskId(String jobId, boolean map, int index) {

    public TaskId {
        if (index < 0) throw new IllegalArgumentException("negative task index " + index);
    }

    public static TaskId map(String jobId, int index) {
        return new TaskId(jobId, true, index);
    }

    public static TaskId reduce(String jobId, int partition) {
        return new TaskId(jobId, false, partition);
    }

    public AttemptId attempt(int n) {
        return new AttemptId(this, n);
    }

    /** Parses the string form; {@link IllegalArgumentException} when malformed. */
    public static TaskId parse(String s) {
        int i = s.lastIndexOf('_');
        int j = i > 0 ? s.lastIndexOf('_', i - 1) : -1;
        if (j <= 0) throw new IllegalArgumentException("not a task id: " + s);
        String kind = s.substring(j + 1, i);
        if (!kind.equals("m") && !kind.equals("r")) throw new IllegalArgumentException("not a task id: " + s);
        try {
            return new TaskId(s.substring(0, j), kind.equals("m"), Integer.parseInt(s.substring(i + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a task id: " + s);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s_%s_%06d", jobId, map ? "m" : "r", index);
    }
}
