package dev.mr.streaming;

/** The settings of a streaming job, written by {@link Streaming} from its flags; each can also be given as {@code -D key=value}. */
public final class StreamingKeys {

    private StreamingKeys() {}

    /** The map command ({@code -mapper}), run as {@code /bin/sh -c COMMAND}. */
    public static final String MAPPER = "mr.streaming.mapper";
    /** The combine command ({@code -combiner}), run on sorted batches of each map's output. */
    public static final String COMBINER = "mr.streaming.combiner";
    /** The reduce command ({@code -reducer}). */
    public static final String REDUCER = "mr.streaming.reducer";
    /** {@code text} (the mapper reads each line) or {@code key-value} (it reads {@code key<TAB>value}); default text. */
    public static final String INPUT = "mr.streaming.input";
    /** Prefix of the commands' own environment variables ({@code -cmdenv K=V} sets {@code mr.streaming.cmdenv.K}). */
    public static final String CMDENV_PREFIX = "mr.streaming.cmdenv.";
    /** Characters of a failed command's stderr kept for its error (default 8192). */
    public static final String STDERR_TAIL = "mr.streaming.stderr.tail";
    /** How long a command has to stop after SIGTERM before SIGKILL (default 5000 ms). */
    public static final String KILL_GRACE_MS = "mr.streaming.kill.grace.ms";
    /** Bytes of a map's output the combiner gets per run (default 64 MiB). */
    public static final String COMBINE_BATCH_MB = "mr.streaming.combine.batch.mb";
}
