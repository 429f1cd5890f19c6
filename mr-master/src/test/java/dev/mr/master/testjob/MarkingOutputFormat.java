package dev.mr.master.testjob;

import dev.mr.api.fs.FsPath;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.OutputFormat;
import dev.mr.api.io.RecordWriter;
import dev.mr.api.io.TextOutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text output that creates its part file at the first record, not when the task starts (as a store
 * that makes a file visible only when written would), and makes the file {@value #CLOSED} in the
 * directory {@link StallingMapper#DIR} names once the part file is closed, so a test knows the
 * file is in the store.
 */
public class MarkingOutputFormat implements OutputFormat<Object, Object> {

    public static final String CLOSED = "closed";

    @Override
    public RecordWriter<Object, Object> writer(FsPath file, FormatContext context) throws IOException {
        Path dir = Path.of(context.conf().require(StallingMapper.DIR));
        return new RecordWriter<>() {
            private RecordWriter<Object, Object> text;

            @Override
            public void write(Object key, Object value) throws IOException {
                if (text == null) text = new TextOutputFormat<>().writer(file, context);
                text.write(key, value);
            }

            @Override
            public long bytesWritten() {
                return text == null ? 0 : text.bytesWritten();
            }

            @Override
            public void close() throws IOException {
                if (text == null) return;
                text.close();
                Files.createFile(dir.resolve(CLOSED));
            }
        };
    }
}
