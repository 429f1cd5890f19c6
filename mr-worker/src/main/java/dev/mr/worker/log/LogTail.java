package dev.mr.worker.log;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes an attempt printed, for its failure report. Thread-safe
 * (guarded by {@code this}): the attempt's thread appends, the reporter reads.
 */
public final class LogTail {

    private final byte[] ring;
    private long written;

    public LogTail(int capacity) {
        this.ring = new byte[capacity];
    }

    public synchronized void append(byte[] b, int off, int len) {
        if (len > ring.length) { // only the last ring.length bytes can stay
            written += len - ring.length;
            off += len - ring.length;
            len = ring.length;
        }
        int at = (int) (written % ring.length);
        int first = Math.min(len, ring.length - at);
        System.arraycopy(b, off, ring, at, first);
        System.arraycopy(b, off + first, ring, 0, len - first);
        written += len;
    }

    public void append(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        append(b, 0, b.length);
    }

    /** What was kept, oldest first; when bytes were dropped it starts at the first whole line, after "...". */
    public synchronized String text() {
        int n = (int) Math.min(written, ring.length);
        byte[] out = new byte[n];
        int start = written <= ring.length ? 0 : (int) (written % ring.length);
        for (int i = 0; i < n; i++) out[i] = ring[(start + i) % ring.length];
        String s = new String(out, StandardCharsets.UTF_8);
        if (written > ring.length) {
            int nl = s.indexOf('\n');
            s = "...\n" + (nl >= 0 && nl < s.length() - 1 ? s.substring(nl + 1) : s);
        }
        return s;
    }
}
