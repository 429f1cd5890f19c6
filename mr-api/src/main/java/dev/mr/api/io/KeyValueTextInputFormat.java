package dev.mr.api.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Lines of text split at the first tab: key is the text before it, value the text after
 * (the empty string when the line has no tab). Splits as {@link TextInputFormat}; reads the
 * output of a job written with {@link TextOutputFormat}.
 */
public class KeyValueTextInputFormat extends FileInputFormat<String, String> {

    @Override
    protected RecordReader<String, String> fileReader(FileSplit split, FormatContext context) throws IOException {
        return new LineRecordReader<>(split, context) {
            private String key;
            private String value;

            @Override
            protected void onLine(long offset, byte[] buf, int off, int len) {
                int tab = -1;
                for (int i = off; i < off + len; i++) {
                    if (buf[i] == '\t') {
                        tab = i;
                        break;
                    }
                }
                if (tab < 0) {
                    key = new String(buf, off, len, StandardCharsets.UTF_8);
                    value = "";
                } else {
                    key = new String(buf, off, tab - off, StandardCharsets.UTF_8);
                    value = new String(buf, tab + 1, off + len - tab - 1, StandardCharsets.UTF_8);
                }
            }

            @Override
            public String key() {
                return key;
            }

            @Override
            public String value() {
                return value;
            }
        };
    }
}
