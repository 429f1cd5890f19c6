package dev.mr.streaming;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.streaming.pipe.CommandEnvironment;
import dev.mr.streaming.pipe.CommandPipe;
import dev.mr.streaming.pipe.ReporterLine;
import dev.mr.streaming.pipe.WorkDir;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streaming command run for a task: its working directory and environment, its stdout into a
 * {@link LineSink}, its reporter lines into the task's counters and status message, and its other stderr lines into
 * the attempt's log. Whatever ends it (its end, a failure, the task's kill) stops the command and
 * deletes the directory. Confined to the task's thread.
 */
final class PipeTask implements CommandPipe.Listener, AutoCloseable {

    private final Context<?, ?> context;
    private final LineSink out;
    private final WorkDir dir;
    private CommandPipe pipe;

    private PipeTask(Context<?, ?> context, LineSink out, WorkDir dir) {
        this.context = context;
        this.out = out;
        this.dir = dir;
    }

    static PipeTask start(String command, Context<?, ?> context, LineSink out) throws Exception {
        Configuration conf = context.conf();
        WorkDir dir = WorkDir.create(context.task().attemptId(), conf.getList(ConfKeys.JOB_FILES), context::cacheFile);
        PipeTask task = new PipeTask(context, out, dir);
        try {
            Map<String, String> env = CommandEnvironment.of(System.getenv(), conf, cmdenv(conf), context.task(), dir.path());
            task.pipe = CommandPipe.start(command, dir.path(), env, task,
                    conf.getInt(StreamingKeys.STDERR_TAIL, 8192), conf.getLong(StreamingKeys.KILL_GRACE_MS, 5000));
            return task;
        } catch (Exception e) {
            task.close();
            throw e;
        }
    }

    private static Map<String, String> cmdenv(Configuration conf) {
        Map<String, String> env = new TreeMap<>();
        conf.asMap().forEach((k, v) -> {
            if (k.startsWith(StreamingKeys.CMDENV_PREFIX)) env.put(k.substring(StreamingKeys.CMDENV_PREFIX.length()), v);
        });
        return env;
    }

    void send(byte[] b, int off, int len) throws Exception {
        try {
            pipe.send(b, off, len);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    void send(byte[] a, int aLen, byte[] b, int bLen) throws Exception {
        try {
            pipe.send(a, aLen, b, bLen);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Ends the input and waits for the command to end; it fails unless the command succeeded. */
    void finish() throws Exception {
        try {
            pipe.finish();
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        if (pipe != null) pipe.close();
        dir.close();
    }

    @Override
    public void output(byte[] buf, int off, int len) throws Exception {
        out.line(buf, off, len);
    }

    @Override
    public void reporter(ReporterLine line) {
        context.progress();
        if (line instanceof ReporterLine.Counter c) context.counter(c.group(), c.name()).increment(c.amount());
        else if (line instanceof ReporterLine.Status s) {
            System.err.println("status: " + s.message());
            context.status(s.message());
        }
        else if (line instanceof ReporterLine.Malformed m) System.err.println("ignored " + m.line() + ": " + m.reason());
    }

    @Override
    public void log(String line) {
        System.err.println(line);
    }
}
