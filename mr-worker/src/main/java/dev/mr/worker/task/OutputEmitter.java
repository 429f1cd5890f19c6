package dev.mr.worker.task;

import dev.mr.api.io.RecordWriter;
import java.io.IOException;

/** Records on their way into the job's output format. Confined to the task's thread. */
final class OutputEmitter implements Emitter<Object, Object> {

    private final RecordWriter<Object, Object> writer;
    long records;

    OutputEmitter(RecordWriter<Object, Object> writer) {
        this.writer = writer;
    }

    @Override
    public void emit(Object key, Object value) throws IOException {
        writer.write(key, value);
        records++;
    }
}
