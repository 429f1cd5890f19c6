package dev.mr.api.io;

import dev.mr.api.Text;
import java.io.IOException;

/**
 * Lines of text files as {@link Text}: the lines of {@link TextInputFormat}, split the same
 * way, but handed over as their bytes, undecoded. The value is one {@code Text} reused for
 * every line (copy it to keep it past the {@code map} call). For jobs that look at bytes, such
 * as splitting at ASCII whitespace, this saves decoding every line into a {@code String}.
 */
public class RawTextInputFormat extends FileInputFormat<Long, Text> {

    @Override
    protected RecordReader<Long, Text> fileReader(FileSplit split, FormatContext context) throws IOException {
        return new LineRecordReader<>(split, context) {
            private final Text value = new Text();
            private Long key;

            @Override
            protected void onLine(long offset, byte[] buf, int off, int len) {
                key = offset;
                value.set(buf, off, len);
            }

            @Override
            public Long key() {
                return key;
            }

            @Override
            public Text value() {
                return value;
            }
        };
    }
}
