package dev.mr.api.io;

import dev.mr.api.Text;
import java.io.IOException;

/**
 * Lines of text files as keys, byte for byte: the key is the line's exact bytes without its
 * {@code \n} (a {@code \r} before it, a byte that is not UTF-8, a last line without a newline
 * all stay as they are), the value the line's offset in its file. For jobs that sort or
 * deduplicate whole lines ({@code dev.mr.jobs.Sort}), where {@link TextInputFormat}'s dropping
 * of {@code \r} would change a line. Splits as {@link TextInputFormat}: a line belongs to the
 * split where it starts; a compressed file is read whole, as by every line format. The key is
 * one {@link Text} reused for every line.
 */
public class LineKeyInputFormat extends FileInputFormat<Text, Long> {

    @Override
    protected RecordReader<Text, Long> fileReader(FileSplit split, FormatContext context) throws IOException {
        return new ExactLines(split, context);
    }

    private static final class ExactLines extends LineRecordReader<Text, Long> {
        private final Text key = new Text();
        private long offset;

        ExactLines(FileSplit split, FormatContext context) throws IOException {
            super(split, context);
        }

        @Override
        protected void onLine(long offset, byte[] buf, int off, int len) {
            int bytes = lineBytesWithTerminator();
            key.set(buf, off, buf[off + bytes - 1] == '\n' ? bytes - 1 : bytes);
            this.offset = offset;
        }

        @Override
        public Text key() {
            return key;
        }

        @Override
        public Long value() {
            return offset;
        }
    }
}
