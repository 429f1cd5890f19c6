package dev.mr.api.spi;

/**
 * Exponential backoff: after the n-th failure in a row, wait {@code initialMs * 2^(n-1)}, at
 * most {@code maxMs}. Immutable and pure.
 */
public record Backoff(long initialMs, long maxMs) {

    public Backoff {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("backoff of " + initialMs + " ms up to " + maxMs + " ms: need 1 <= initial <= max");
        }
    }

    /** The wait after {@code failures} failures in a row; 0 when there were none. */
    public long delayAfter(int failures) {
        if (failures <= 0) return 0;
        int doublings = Math.min(failures - 1, 40);
        long d = initialMs;
        for (int i = 0; i < doublings && d < maxMs; i++) d *= 2;
        return Math.min(d, maxMs);
    }
}
