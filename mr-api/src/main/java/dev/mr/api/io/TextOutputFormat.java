package dev.mr.api.io;

import dev.mr.api.Text;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.compress.Codecs;
import dev.mr.api.serde.ByteBuilder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Lines of {@code key<TAB>value\n} in UTF-8, each side by {@code toString()} (a
 * {@code byte[]} or {@link Text} is written as its raw bytes). Read back with {@link KeyValueTextInputFormat}.
 * With {@code mr.output.compress} set (see {@link Codecs#forOutput}) the file is compressed and
 * named with the codec's extension: {@code part-r-00000.gz}; {@link RecordWriter#bytesWritten()}
 * still counts the lines' bytes, before compression.
 */
public class TextOutputFormat<K, V> implements OutputFormat<K, V> {

    @Override
    public RecordWriter<K, V> writer(FsPath file, FormatContext context) throws IOException {
        OutputStream out = FileOutputs.createText(file, context);
        return new RecordWriter<>() {
            private final ByteBuilder line = new ByteBuilder(256);
            private long written;

            @Override
            public void write(K key, V value) throws IOException {
                line.reset();
                append(key);
                line.write('\t');
                append(value);
                line.write('\n');
                out.write(line.array(), 0, line.length());
                written += line.length();
            }

            private void append(Object o) {
                if (o instanceof byte[] b) line.write(b);
                else if (o instanceof Text t) line.write(t.bytes(), 0, t.length());
                else line.writeUtf8(String.valueOf(o));
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
