package dev.mr.api.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.Configuration;
import dev.mr.api.spi.ShippedFileDownloads;
import dev.mr.api.spi.ShippedFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without mr-hadoop (a user's own, or the scripts with MR_NO_HADOOP) meets an
 * {@code hdfs:} or {@code s3a:} path with a message that names the module to add, not a bare
 * "unknown scheme" — whether the path is a job's input or a file it ships.
 */
class FileSystemsTest {

    @TempDir
    Path dir;

    @Test
    void aHadoopSchemeWithoutMrHadoopNamesTheMissingModule() throws Exception {
        try (FileSystems fss = new FileSystems(new Configuration())) {
            for (String scheme : List.of("hdfs", "s3a")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fss.get(fss.resolve(scheme + "://nn/in")));
                assertEquals("no filesystem for scheme '" + scheme + ":'; known: file: (" + scheme + ": needs the mr-hadoop module on the"
                        + " classpath: the scripts put it there; in a JVM of your own, add dev.mr:mr-hadoop)", e.getMessage());
            }
        }
        List<ShippedFiles.Entry> shipped = ShippedFiles.parse(ShippedFiles.Kind.FILE, "hdfs://nn:8020/ref/lookup.txt#small");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShippedFileDownloads.download(shipped, new Configuration(), dir));
        assertEquals("-files: cannot read hdfs://nn:8020/ref/lookup.txt: no filesystem for scheme 'hdfs:'; known: file: (hdfs: needs the"
                + " mr-hadoop module on the classpath: the scripts put it there; in a JVM of your own, add dev.mr:mr-hadoop)", e.getMessage());
    }
}
