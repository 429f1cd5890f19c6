package dev.mr.api.io;

import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.SeekableInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One record per file: key is the file's path exactly as the job lists it (a listed
 * directory plus the file's name), value is the whole contents decoded as UTF-8. A file is
 * never cut, so it must fit in a task's memory; small files may share a map task (packed up
 * to {@code mr.input.pack.size}, each still its own record), and {@code mr.input.pack.size=0}
 * gives each file a task of its own.
 */
public class WholeFileInputFormat extends FileInputFormat<String, String> {

    @Override
    protected boolean splittable(FileStatus file) {
        return false;
    }

    @Override
    protected RecordReader<String, String> fileReader(FileSplit fileSplit, FormatContext context) throws IOException {
        return new RecordReader<>() {
            private boolean done;
            private String value;
            private long read;

            @Override
            public boolean next() throws IOException {
                if (done) return false;
                done = true;
                try (SeekableInput in = openAt(fileSplit, context)) {
                    long length = in.length();
                    if (length > Integer.MAX_VALUE - 8) {
                        throw new IOException(fileSplit.path() + " is " + length + " bytes, too large for WholeFileInputFormat");
                    }
                    byte[] bytes = in.readNBytes((int) length);
                    read = bytes.length;
                    value = new String(bytes, StandardCharsets.UTF_8);
                }
                return true;
            }

            @Override
            public String key() {
                return fileSplit.path();
            }

            @Override
            public String value() {
                return value;
            }

            @Override
            public long bytesRead() {
                return read;
            }

            @Override
            public void close() {}
        };
    }
}
