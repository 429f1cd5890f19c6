package dev.mr.api.io;

import dev.mr.api.fs.FsPath;
import java.io.IOException;
import java.io.OutputStream;

/** Writes {@code byte[]} key and value back to back: TeraSort's 100-byte records. */
public class TeraOutputFormat implements OutputFormat<byte[], byte[]> {

    @Override
    public RecordWriter<byte[], byte[]> writer(FsPath file, FormatContext context) throws IOException {
        OutputStream out = FileOutputs.create(file, context);
        return new RecordWriter<>() {
            private long written;

            @Override
            public void write(byte[] key, byte[] value) throws IOException {
                out.write(key);
                out.write(value);
                written += key.length + value.length;
            }

            @Override
            public long bytesWritten() {
                return written;
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
