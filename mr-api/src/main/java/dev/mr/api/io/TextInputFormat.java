package dev.mr.api.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Lines of text files. Key: the line's byte offset in its file; value: the line without its
 * {@code \n} or {@code \r\n}, decoded as UTF-8. A line that crosses a split boundary belongs
 * to the split in which it starts; a last line without a newline is a line.
 */
public class TextInputFormat extends FileInputFormat<Long, String> {

    @Override
    protected RecordReader<Long, String> fileReader(FileSplit split, FormatContext context) throws IOException {
        return new LineRecordReader<>(split, context) {
            private Long key;
            private String value;

            @Override
            protected void onLine(long offset, byte[] buf, int off, int len) {
                key = offset;
                value = new String(buf, off, len, StandardCharsets.UTF_8);
            }

            @Override
            public Long key() {
                return key;
            }

            @Override
            public String value() {
                return value;
            }
        };
    }
}
