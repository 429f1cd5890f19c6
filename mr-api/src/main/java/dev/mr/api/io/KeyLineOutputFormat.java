package dev.mr.api.io;

import dev.mr.api.Text;
import dev.mr.api.fs.FsPath;
import dev.mr.api.serde.ByteBuilder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One line per record: the key and {@code \n}, the value dropped. A {@link Text} or
 * {@code byte[]} key is written as its raw bytes, anything else as the UTF-8 of
 * {@code toString()}. With {@link LineKeyInputFormat} this writes back exactly the lines read
 * (a last line without a newline gets one, as {@code sort} gives it). Compressed as
 * {@link TextOutputFormat} is, by {@code mr.output.compress}.
 */
public class KeyLineOutputFormat<K, V> implements OutputFormat<K, V> {

    @Override
    public RecordWriter<K, V> writer(FsPath file, FormatContext context) throws IOException {
        OutputStream out = FileOutputs.createText(file, context);
        return new RecordWriter<>() {
            private final ByteBuilder line = new ByteBuilder(256);
            private long written;

            @Override
            public void write(K key, V value) throws IOException {
                line.reset();
                if (key instanceof Text t) line.write(t.bytes(), 0, t.length());
                else if (key instanceof byte[] b) line.write(b);
                else line.writeUtf8(String.valueOf(key));
                line.write('\n');
                out.write(line.array(), 0, line.length());
                written += line.length();
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
