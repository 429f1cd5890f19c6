package dev.mr.api.spi;

import dev.mr.api.spi.MasterRetryPolicy.Call;
import dev.mr.api.spi.MasterRetryPolicy.Decision;
import dev.mr.api.spi.MasterRetryPolicy.Failure;

/**
 * One conversation's current run of failed calls to the master: when it began and how many
 * failed in a row. Asks the {@link MasterRetryPolicy} what to do after each failure, and tells
 * the caller when the outage began ({@link #justBegan} after the first failure) and when it
 * ended ({@link #ended}), so that each is said once rather than once per try.
 *
 * <p>Pure: the time is an argument. Not thread-safe: confined to the thread making the calls
 * (the heartbeat thread, one call of {@link MasterRetryLoop}).
 */
public final class MasterOutage {

    private final MasterRetryPolicy policy;
    private long sinceMs;
    private int failures;

    public MasterOutage(MasterRetryPolicy policy) {
        this.policy = policy;
    }

    /** A call of kind {@code call} failed with {@code failure} at {@code nowMs}: what to do next. */
    public Decision failed(Call call, Failure failure, long nowMs) {
        if (failures == 0) sinceMs = nowMs;
        failures++;
        return policy.decide(call, failure, failures, nowMs - sinceMs);
    }

    /** True right after the failure that began this outage. */
    public boolean justBegan() {
        return failures == 1;
    }

    public boolean ongoing() {
        return failures > 0;
    }

    /** Failed calls in a row so far. */
    public int failures() {
        return failures;
    }

    /** How long the master has been unreachable at {@code nowMs}; 0 when it is not. */
    public long lastedMs(long nowMs) {
        return failures == 0 ? 0 : nowMs - sinceMs;
    }

    /** A call reached the master at {@code nowMs}: the outage is over. Returns how long it lasted, or -1 when there was none. */
    public long ended(long nowMs) {
        if (failures == 0) return -1;
        failures = 0;
        return nowMs - sinceMs;
    }
}
