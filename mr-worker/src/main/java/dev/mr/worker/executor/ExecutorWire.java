package dev.mr.worker.executor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.protocol.Assignment;
import dev.mr.protocol.AttemptReport;
import dev.mr.protocol.MapOutputs;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The conversation between a worker daemon and one of its executors, over the executor's
 * standard input (orders) and standard output (events): frames of a 4-byte length and a JSON
 * message. Nothing else writes to those streams: the executor sends what its code prints to
 * standard error, and its JVM's own messages too ({@code -XX:+DisplayVMOutputToStderr}).
 * Stateless; a stream is written by one thread at a time (callers synchronize).
 */
public final class ExecutorWire {

    /** No message comes near this; a larger length means the stream is not ours (or is broken). */
    static final int MAX_FRAME = 64 << 20;

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ExecutorWire() {}

    /** From the daemon to its executor. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Hello.class, name = "hello"), @JsonSubTypes.Type(value = Run.class, name = "run"),
            @JsonSubTypes.Type(value = Offer.class, name = "offer"), @JsonSubTypes.Type(value = Kill.class, name = "kill"),
            @JsonSubTypes.Type(value = Exit.class, name = "exit")})
    public sealed interface Order {}

    /**
     * The first order: which job to load and how to run its attempts.
     *
     * @param conf       the job's settings (the worker's {@code -D} settings overlaid with the job's; its shipped
     *                   files' directory in {@code mr.job.files.local.dir})
     * @param classPath  the job's jars on the worker's disk (its jar, its {@code lib/} jars, its libjars); empty for none
     * @param heapBytes  the executor's heap: its attempts' memory shares come from it
     * @param slots      the worker's slots: attempts of this job that may run at once
     * @param statusMs   how often to send a {@link Status}
     * @param token      the credentials of the job's tasks (a user token for the job alone), or null on an insecure cluster
     */
    public record Hello(String jobId, Map<String, String> conf, List<String> classPath, String workerId, long heapBytes, int slots,
                        int logTailBytes, long statusMs, String token) implements Order {

        /** Without the token, and with the settings' credentials redacted: safe in a log line or an error. */
        @Override
        public String toString() {
            return "Hello[jobId=" + jobId + ", conf=" + dev.mr.api.SensitiveKeys.of(conf).redacted(conf) + ", classPath=" + classPath
                    + ", workerId=" + workerId + ", heapBytes=" + heapBytes + ", slots=" + slots + ", token=" + (token == null ? null : "<redacted>") + "]";
        }
    }

    /** Run this attempt in the directory the daemon made for it. */
    public record Run(Assignment assignment, String dir) implements Order {}

    /** Map output entries (and the capability to fetch them) for one of its reduce attempts. */
    public record Offer(MapOutputs outputs) implements Order {}

    /** Stop an attempt: interrupt it; it then ends with no outcome. Also: forget a map output it holds. */
    public record Kill(String attempt) implements Order {}

    /** The job ended or the executor idled: exit now, whatever runs. */
    public record Exit() implements Order {}

    /** From an executor to its daemon. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Started.class, name = "started"), @JsonSubTypes.Type(value = LoadFailed.class, name = "load-failed"),
            @JsonSubTypes.Type(value = Status.class, name = "status"), @JsonSubTypes.Type(value = Ended.class, name = "ended"),
            @JsonSubTypes.Type(value = FetchFailed.class, name = "fetch-failed")})
    public sealed interface Event {}

    /** The job is loaded; attempts may come. */
    public record Started(long pid) implements Event {}

    /** The job could not be loaded (a missing class, a bad jar): the error with its stack trace. */
    public record LoadFailed(String error) implements Event {}

    /** Its running attempts' figures, and its heap. */
    public record Status(long heapUsedBytes, List<AttemptStatus> attempts) implements Event {}

    /**
     * @param ticks         signs of life so far (see {@code TaskAttempt.ticks}), for hung-task detection
     * @param statusMessage its task's latest status message, null for none
     */
    public record AttemptStatus(String attempt, double progress, int mapOutputsKnown, long ticks, String statusMessage) {}

    /**
     * An attempt ended; {@code outcome} null when it was killed. For a map whose output goes to
     * the shuffle: the data and index files and the index's figures: its codec, and per partition
     * the stored and raw lengths, record counts and CRC32Cs.
     */
    public record Ended(String attempt, AttemptReport outcome, String data, String index, String codec, long[] lengths,
                        long[] rawLengths, long[] records, int[] crcs) implements Event {}

    /** One of its reduce attempts could not fetch a map output: the daemon tells the master. */
    public record FetchFailed(String reduceAttempt, String mapAttempt, String error) implements Event {}

    public static void write(DataOutputStream out, Object message) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(message);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** The next message, or null at the end of the stream. */
    public static <T> T read(DataInputStream in, Class<T> type) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME) throw new IOException("a frame of " + length + " bytes: not an executor's message");
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return JSON.readValue(bytes, type);
    }
}
