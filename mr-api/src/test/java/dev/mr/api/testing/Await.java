package dev.mr.api.testing;

import java.time.Duration;

/**
 * The one way tests wait for what another thread or process does: poll a condition until a
 * deadline, then fail naming what was awaited and, when given, a detail of what was seen instead.
 * Polls often at first and then every 100 ms, so a quick condition costs little time and a slow
 * one (an HTTP call, a process listing) little CPU. A condition that throws fails the wait at once,
 * unless wrapped in {@link #quietly}. A test that can wait on a latch, a join or a manual clock
 * does that instead; this is for conditions nothing signals. Shared through mr-api's test-jar.
 */
public final class Await {

    private static final long MAX_PAUSE_MS = 100;

    private Await() {}

    /** A condition, which may throw. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    /** A value that is null until it is there, and may throw. */
    @FunctionalInterface
    public interface Value<T> {
        T get() throws Exception;
    }

    /** Waits up to {@code timeout} for {@code condition}; fails with {@code what} otherwise. */
    public static void await(Duration timeout, String what, Check condition) throws InterruptedException {
        await(timeout, what, condition, () -> "");
    }

    /** As {@link #await(Duration, String, Check)}; a failure adds {@code detail}, taken at the deadline. */
    public static void await(Duration timeout, String what, Check condition, Value<String> detail) throws InterruptedException {
        awaitValue(timeout, what, () -> condition.holds() ? Boolean.TRUE : null, detail);
    }

    /** Waits up to {@code timeout} for {@code value} to be non-null, and returns it; fails with {@code what} otherwise. */
    public static <T> T awaitValue(Duration timeout, String what, Value<T> value) throws InterruptedException {
        return awaitValue(timeout, what, value, () -> "");
    }

    /** As {@link #awaitValue(Duration, String, Value)}; a failure adds {@code detail}, taken at the deadline. */
    public static <T> T awaitValue(Duration timeout, String what, Value<T> value, Value<String> detail) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (true) {
            T t = get(what, value);
            if (t != null) return t;
            if (System.nanoTime() - end >= 0) {
                String seen = describe(detail);
                throw new AssertionError("waited " + words(timeout) + " for " + what + (seen == null || seen.isEmpty() ? "" : "; " + seen));
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }

    /** A condition whose exceptions count as "not yet" (a server still starting, a file half written). */
    public static Check quietly(Check check) {
        return () -> {
            try {
                return check.holds();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return false;
            }
        };
    }

    private static <T> T get(String what, Value<T> value) throws InterruptedException {
        try {
            return value.get();
        } catch (RuntimeException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("checking for " + what + " failed: " + e, e);
        }
    }

    private static String describe(Value<String> detail) {
        try {
            return detail.get();
        } catch (Exception e) {
            return "(could not say what was seen: " + e + ")";
        }
    }

    private static String words(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
