package dev.mr.master.audit;

import java.time.Instant;

/**
 * One state-changing request as the audit log records it, in the manner of HDFS's audit log:
 * one line of tab-separated {@code key=value} fields after the time,
 * {@code 2025-01-31T09:15:02.123Z  allowed=true  user=anonymous  ip=10.0.0.7  cmd=POST /api/v1/jobs/job_0003/kill  status=202  job=job_0003}.
 * {@code allowed=false} means the request was refused for who sent it (401 or 403); any other
 * outcome is in {@code status}. {@code job} is present when the request or its answer named one,
 * {@code src} (and {@code dst}) when it was a dfs namespace operation on a path (a rename).
 * The path never carries a query string (tokens travel there); control characters and tabs in
 * any field are replaced by {@code ?}, so one request is always exactly one line.
 *
 * @param timeMs epoch milliseconds when the answer ended
 * @param jobId  the job the request concerned, or null
 * @param src    the dfs path it concerned, or null
 * @param dst    the dfs path it renamed to, or null
 */
public record AuditEntry(long timeMs, String user, String ip, String method, String path, int status, String jobId, String src, String dst) {

    /** Longest {@code src} or {@code dst} written; a longer one is cut, with "..." at its end. */
    static final int MAX_PATH_CHARS = 1024;

    public static final String ANONYMOUS = "anonymous";

    public boolean allowed() {
        return status != 401 && status != 403;
    }

    public String toLine() {
        StringBuilder b = new StringBuilder(160).append(Instant.ofEpochMilli(timeMs))
                .append("\tallowed=").append(allowed())
                .append("\tuser=").append(clean(user == null ? ANONYMOUS : user))
                .append("\tip=").append(clean(ip))
                .append("\tcmd=").append(clean(method)).append(' ').append(clean(path))
                .append("\tstatus=").append(status);
        if (jobId != null) b.append("\tjob=").append(clean(jobId));
        if (src != null) b.append("\tsrc=").append(clean(cut(src)));
        if (dst != null) b.append("\tdst=").append(clean(cut(dst)));
        return b.toString();
    }

    private static String cut(String s) {
        return s.length() <= MAX_PATH_CHARS ? s : s.substring(0, MAX_PATH_CHARS) + "...";
    }

    private static String clean(String s) {
        if (s == null) return "-";
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (b == null) b = new StringBuilder(s);
                b.setCharAt(i, '?');
            }
        }
        return b == null ? s : b.toString();
    }
}
