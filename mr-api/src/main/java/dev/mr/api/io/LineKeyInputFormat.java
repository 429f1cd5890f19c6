package dev.mr.api.io;

import dev.mr.api.Text;
import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import java.io.IOException;

/**
 * Lines of text files as keys, byte for byte: the key is the line's exact bytes without its
 * {@code \n} (a {@code \r} before it, a byte that is not UTF-8, a last line without a newline
 * all stay as they are), the value the line's offset in its file. For jobs that sort or
 * deduplicate whole lines ({@code dev.mr.jobs.Sort}), where {@link TextInputFormat}'s dropping
 * of {@code \r} would change a line. Splits as {@link TextInputFormat}: a line belongs to the
 * split where it starts. The key is one {@link Text} reused for every line.
 */
public class LineKeyInputFormat extends FileInputFormat<Text, Long> {

    private static final int BUFFER = 256 << 10;

    @Override
    protected RecordReader<Text, Long> fileReader(FileSplit split, FormatContext context) throws IOException {
        FsPath path = context.fileSystems().resolve(split.path());
        SeekableInput in = context.fileSystems().get(path).open(path);
        try {
            return new ExactLines(split, in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static final class ExactLines implements RecordReader<Text, Long> {
        private final LineReader lines;
        private final long end;
        private final long firstLine;
        private long pos;
        private long offset = -1;
        private final Text key = new Text();

        ExactLines(FileSplit split, SeekableInput in) throws IOException {
            long start = split.start();
            this.end = split.end();
            if (start > 0) in.seek(start - 1);
            this.lines = new LineReader(in, BUFFER);
            if (start > 0) pos = start - 1 + Math.max(lines.readLine(), 0); // the line under way belongs to the split before
            this.firstLine = pos;
        }

        @Override
        public boolean next() throws IOException {
            if (pos >= end) return false;
            int consumed = lines.readLine();
            if (consumed < 0) return false;
            offset = pos;
            pos += consumed;
            byte[] buf = lines.buffer();
            int start = lines.lineStart();
            int len = buf[start + consumed - 1] == '\n' ? consumed - 1 : consumed;
            key.set(buf, start, len);
            return true;
        }

        @Override
        public Text key() {
            return key;
        }

        @Override
        public Long value() {
            return offset;
        }

        @Override
        public long bytesRead() {
            return pos - firstLine;
        }

        @Override
        public long recordPosition() {
            return offset;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
