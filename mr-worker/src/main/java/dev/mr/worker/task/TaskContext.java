package dev.mr.worker.task;

import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.Counter;
import dev.mr.api.Counters;
import dev.mr.api.TaskInfo;
import java.io.IOException;

/** The {@link Context} handed to user code; writes go to an {@link Emitter}. Confined to the task's thread. */
final class TaskContext<K, V> implements Context<K, V> {

    private final Configuration conf;
    private TaskInfo info;
    private final Counters counters;
    private Emitter<K, V> emitter;
    private final TaskProgress progress;

    TaskContext(Configuration conf, TaskInfo info, Counters counters, Emitter<K, V> emitter, TaskProgress progress) {
        this.conf = conf;
        this.info = info;
        this.counters = counters;
        this.emitter = emitter;
        this.progress = progress;
    }

    /** Shows {@code path} as the task's input path from now on: a packed split moved on to its next file. */
    void inputPath(String path) {
        if (path != info.inputPath()) info = new TaskInfo(info.jobId(), info.attemptId(), info.workerId(), info.partition(), path);
    }

    void emitTo(Emitter<K, V> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void write(K key, V value) {
        if (key == null || value == null) {
            throw new NullPointerException("Context.write got a null " + (key == null ? "key" : "value") + "; keys and values may not be null");
        }
        progress.tick();
        try {
            emitter.emit(key, value);
        } catch (IOException e) {
            throw new EmitFailedException(e);
        }
    }

    @Override
    public Counter counter(String group, String name) {
        return counters.counter(group, name);
    }

    @Override
    public Configuration conf() {
        return conf;
    }

    @Override
    public TaskInfo task() {
        return info;
    }

    @Override
    public void progress() {
        progress.tick();
    }

    @Override
    public void status(String message) {
        progress.status(message);
    }

    @Override
    public java.nio.file.Path cacheFile(String alias) {
        return dev.mr.api.spi.ShippedFiles.cacheFile(conf, alias);
    }
}
