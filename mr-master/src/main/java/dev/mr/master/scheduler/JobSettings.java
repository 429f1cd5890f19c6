package dev.mr.master.scheduler;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;

/**
 * The settings of one job that the scheduler reads, derived from the job's {@link Configuration}
 * (where the master's own {@code -D} defaults have already been merged under the job's).
 *
 * @param reduceSlowstart fraction of a job's maps that must have completed before its reduces are assigned
 * @param maxAttempts failed attempts of one task that fail the job
 * @param maxWorkerDeaths attempts of one task lost with their worker that fail the job (a task that takes its worker down)
 * @param workerMaxFailures failed attempts of a job on one worker after which that worker gets no more of the job's tasks
 * @param exclusionMaxPercent exclusions of a job are suspended while more than this percentage of the live workers
 *     are excluded from it, so that a job which fails everywhere fails through its attempts instead of waiting forever
 * @param fetchFailuresPerMap fetch-failure reports about one map attempt after which its output is declared lost
 * @param speculation whether stragglers get backup attempts
 * @param speculationMinMs no attempt running for less than this gets a backup
 * @param speculationSlowdown an attempt gets a backup once it has run this many times the median duration of its
 *     job's completed attempts of the same kind (map or reduce)
 * @param reducePreemptDelayMs when some of a job's maps have waited this long without any of its maps being launched,
 *     a worker whose slots are all taken gives up one of the job's reduce attempts (killed, not failed) for them:
 *     reducers waiting for the output of maps that cannot get a slot would otherwise wait forever
 * @param skipMapRecordsMax input records the job's maps may skip in skip mode, over the whole job (0: skip mode is off for maps)
 * @param skipReduceGroupsMax key groups the job's reduces may skip (0: off for reduces)
 * @param skipStartAttempts failed attempts of a task after which its attempts run in skip mode, when its kind's limit is above 0
 */
public record JobSettings(
        double reduceSlowstart,
        int maxAttempts,
        int maxWorkerDeaths,
        int workerMaxFailures,
        int exclusionMaxPercent,
        int fetchFailuresPerMap,
        boolean speculation,
        long speculationMinMs,
        double speculationSlowdown,
        long reducePreemptDelayMs,
        long skipMapRecordsMax,
        long skipReduceGroupsMax,
        int skipStartAttempts) {

    public static final String REDUCE_SLOWSTART = "mr.reduce.slowstart";
    public static final String TASK_MAX_ATTEMPTS = "mr.task.max.attempts";
    public static final String TASK_MAX_WORKER_DEATHS = "mr.task.max.worker.deaths";
    public static final String WORKER_MAX_FAILURES = "mr.worker.max.failures";
    public static final String WORKER_EXCLUSION_MAX_PERCENT = "mr.worker.exclusion.max.percent";
    public static final String MAP_FETCH_FAILURES = "mr.map.fetch.failures";
    public static final String SPECULATION = "mr.speculation";
    public static final String SPECULATION_MIN_MS = "mr.speculation.min.ms";
    public static final String SPECULATION_SLOWDOWN = "mr.speculation.slowdown";
    public static final String REDUCE_PREEMPT_DELAY_MS = "mr.reduce.preempt.delay.ms";

    public JobSettings {
        check(reduceSlowstart >= 0 && reduceSlowstart <= 1, REDUCE_SLOWSTART, reduceSlowstart, "a fraction between 0 and 1");
        check(maxAttempts >= 1, TASK_MAX_ATTEMPTS, maxAttempts, "at least 1");
        check(maxWorkerDeaths >= 1, TASK_MAX_WORKER_DEATHS, maxWorkerDeaths, "at least 1");
        check(workerMaxFailures >= 1, WORKER_MAX_FAILURES, workerMaxFailures, "at least 1");
        check(exclusionMaxPercent >= 0 && exclusionMaxPercent <= 100, WORKER_EXCLUSION_MAX_PERCENT, exclusionMaxPercent, "between 0 and 100");
        check(fetchFailuresPerMap >= 1, MAP_FETCH_FAILURES, fetchFailuresPerMap, "at least 1");
        check(speculationMinMs >= 0, SPECULATION_MIN_MS, speculationMinMs, "at least 0");
        check(speculationSlowdown >= 1, SPECULATION_SLOWDOWN, speculationSlowdown, "at least 1");
        check(reducePreemptDelayMs >= 0, REDUCE_PREEMPT_DELAY_MS, reducePreemptDelayMs, "at least 0");
        check(skipMapRecordsMax >= 0, ConfKeys.SKIP_MAP_RECORDS_MAX, skipMapRecordsMax, "at least 0");
        check(skipReduceGroupsMax >= 0, ConfKeys.SKIP_REDUCE_GROUPS_MAX, skipReduceGroupsMax, "at least 0");
        check(skipStartAttempts >= 0, ConfKeys.SKIP_START_ATTEMPTS, skipStartAttempts, "at least 0");
    }

    /** Settings without skip mode. */
    public JobSettings(double reduceSlowstart, int maxAttempts, int maxWorkerDeaths, int workerMaxFailures, int exclusionMaxPercent,
                       int fetchFailuresPerMap, boolean speculation, long speculationMinMs, double speculationSlowdown,
                       long reducePreemptDelayMs) {
        this(reduceSlowstart, maxAttempts, maxWorkerDeaths, workerMaxFailures, exclusionMaxPercent, fetchFailuresPerMap, speculation,
                speculationMinMs, speculationSlowdown, reducePreemptDelayMs, 0, 0, 2);
    }

    /**
     * The defaults: slow-start 0.05, 4 attempts, 10 worker deaths, 3 failures per worker, 33%, 3 fetch failures, speculation
     * after 10 s and 2x the median, reduce preemption after 3 s of starved maps, no skip mode (from the 3rd attempt once on).
     */
    public static JobSettings defaults() {
        return from(new Configuration());
    }

    /** Reads the settings; an {@link IllegalArgumentException} names a malformed or out-of-range one. */
    public static JobSettings from(Configuration conf) {
        return new JobSettings(
                conf.getDouble(REDUCE_SLOWSTART, 0.05),
                conf.getInt(TASK_MAX_ATTEMPTS, 4),
                conf.getInt(TASK_MAX_WORKER_DEATHS, 10),
                conf.getInt(WORKER_MAX_FAILURES, 3),
                conf.getInt(WORKER_EXCLUSION_MAX_PERCENT, 33),
                conf.getInt(MAP_FETCH_FAILURES, 3),
                conf.getBoolean(SPECULATION, true),
                conf.getLong(SPECULATION_MIN_MS, 10_000),
                conf.getDouble(SPECULATION_SLOWDOWN, 2.0),
                conf.getLong(REDUCE_PREEMPT_DELAY_MS, 3_000),
                conf.getLong(ConfKeys.SKIP_MAP_RECORDS_MAX, 0),
                conf.getLong(ConfKeys.SKIP_REDUCE_GROUPS_MAX, 0),
                conf.getInt(ConfKeys.SKIP_START_ATTEMPTS, 2));
    }

    /** How many records (maps) or key groups (reduces) the job may skip; 0 when skip mode is off for that kind. */
    long skipLimit(boolean map) {
        return map ? skipMapRecordsMax : skipReduceGroupsMax;
    }

    /** The setting behind {@link #skipLimit}, for errors that name it. */
    static String skipLimitKey(boolean map) {
        return map ? ConfKeys.SKIP_MAP_RECORDS_MAX : ConfKeys.SKIP_REDUCE_GROUPS_MAX;
    }

    /** Completed maps a job of {@code maps} maps needs before its reduces may start (Hadoop rounds up too). */
    int mapsBeforeReduces(int maps) {
        return (int) Math.ceil(reduceSlowstart * maps);
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) throw new IllegalArgumentException("setting " + key + "=" + value + " must be " + expected);
    }
}
