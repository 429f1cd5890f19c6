package dev.mr.master.testjob;

import dev.mr.api.io.TextInputFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job's input format that, like hostile code in a jar, acts as soon as its class is
 * initialized: it writes this process's id to the file named by {@value #MARKER}. A master that
 * computed splits itself would initialize it; one that never runs user code leaves no file.
 */
public class MarkerInputFormat extends TextInputFormat {

    public static final String MARKER = "mr.test.marker";

    static {
        String marker = System.getProperty(MARKER);
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
