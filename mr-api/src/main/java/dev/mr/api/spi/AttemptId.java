package dev.mr.api.spi;

/** One try at running a task: {@code job_0001_m_000003_0} is the first attempt of map 3. */
public record AttemptId(TaskId task, int attempt) {

    public AttemptId {
        if (attempt < 0) throw new IllegalArgumentException("negative attempt number " + attempt);
    }

    /** Parses the string form; {@link IllegalArgumentException} when malformed. */
    public static AttemptId parse(String s) {
        int i = s.lastIndexOf('_');
        if (i <= 0) throw new IllegalArgumentException("not an attempt id: " + s);
        try {
            return new AttemptId(TaskId.parse(s.substring(0, i)), Integer.parseInt(s.substring(i + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an attempt id: " + s);
        }
    }

    @Override
    public String toString() {
        return task + "_" + attempt;
    }
}
