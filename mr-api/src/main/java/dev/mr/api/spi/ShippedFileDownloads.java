package dev.mr.api.spi;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the shipped files that live in a store ({@code -files hdfs://nn/lookup.txt#lookup}) to the
 * submitting machine, through {@link FileSystems} with the job's settings (so {@code -D fs.s3a.*}
 * and {@code $HADOOP_CONF_DIR} apply), so that from there on they ship exactly as local files do:
 * uploaded with the job, cached by the workers, found by {@code Context.cacheFile}. The job's
 * settings keep the path as the user gave it. Reading the file at submission, not in each task,
 * means one read of the store per job, and a file missing or unreadable refuses the job before
 * anything runs, naming it.
 */
public final class ShippedFileDownloads {

    private ShippedFileDownloads() {}

    /**
     * {@code shipped}, each remote entry replaced by its copy in {@code dir} (local ones as they are).
     *
     * @throws IllegalArgumentException naming the option and the path, when one cannot be read
     *                                  (missing, a directory, or its store's own message)
     */
    public static List<ShippedFiles.Entry> download(List<ShippedFiles.Entry> shipped, Configuration conf, Path dir) throws IOException {
        List<ShippedFiles.Entry> out = new ArrayList<>(shipped.size());
        try (FileSystems stores = new FileSystems(conf)) {
            int i = 0;
            for (ShippedFiles.Entry e : shipped) {
                if (!e.remote()) {
                    out.add(e);
                    continue;
                }
                // a name of its own per entry: two aliases may name files of one name
                Path copy = dir.resolve((i++) + "-" + e.alias());
                download(stores, e, copy);
                out.add(new ShippedFiles.Entry(e.kind(), copy.toString(), e.alias()));
            }
        }
        return out;
    }

    private static void download(FileSystems stores, ShippedFiles.Entry e, Path copy) {
        try {
            FsPath p = FsPath.parse(e.path(), "file");
            try (InputStream in = stores.get(p).open(p)) {
                Files.copy(in, copy);
            }
        } catch (FileNotFoundException x) {
            throw new IllegalArgumentException(e.kind().option + ": " + e.path() + " does not exist", x);
        } catch (IOException | RuntimeException x) {
            String m = x.getMessage() == null ? x.toString() : x.getMessage();
            throw new IllegalArgumentException(e.kind().option + ": cannot read " + e.path() + ": " + m, x);
        }
    }
}
