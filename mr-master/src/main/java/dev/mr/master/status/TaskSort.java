package dev.mr.master.status;


/** The columns the task table sorts by, with the names {@code ?sort=} takes. */
public enum TaskSort {
    TASK("task"),
    STATE("state"),
    ATTEMPTS("attempts"),
    WORKER("worker"),
    START("start"),
    DURATION("duration"),
    INPUT_RECORDS("inputRecords"),
    INPUT_BYTES("inputBytes"),
    OUTPUT_RECORDS("outputRecords"),
    OUTPUT_BYTES("outputBytes"),
    LOCALITY("locality");

    public final String param;

    TaskSort(String param) {
        this.param = param;
    }

    /** The column named {@code s} (any case; null or empty is {@link #TASK}). */
    public static TaskSort parse(String s) {
        if (s == null || s.isEmpty()) return TASK;
        for (TaskSort t : values()) if (t.param.equalsIgnoreCase(s)) return t;
        StringBuilder names = new StringBuilder();
        for (TaskSort t : values()) names.append(names.length() == 0 ? "" : ", ").append(t.param);
        throw new IllegalArgumentException("sort=" + s + " is not a column; use one of " + names);
    }
}
