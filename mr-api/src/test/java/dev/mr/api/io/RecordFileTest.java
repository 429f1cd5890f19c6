package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Pair;
import dev.mr.api.fs.FsPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs are chained through binary record files: what one job writes the next must read back
 * as the same Java values, each record exactly once however the file is split.
 */
class RecordFileTest {

    @TempDir
    Path dir;

    public record Point(int x, String label) {}

    @Test
    void recordsRoundTripAtEverySplitSize() throws Exception {
        Path file = dir.resolve("part-r-00000");
        Configuration conf = new Configuration()
                .set(ConfKeys.OUTPUT_KEY, Pair.class.getName())
                .set(ConfKeys.OUTPUT_VALUE, Point.class.getName());
        List<String> expected = new ArrayList<>();
        RecordFileOutputFormat<Pair<String, Long>, Point> out = new RecordFileOutputFormat<>();
        try (RecordWriter<Pair<String, Long>, Point> w = out.writer(FsPath.parse(file.toString(), "file"), FormatTestSupport.context(conf))) {
            for (int i = 0; i < 20_000; i++) {
                Pair<String, Long> k = Pair.of("k" + (i % 97), (long) i);
                Point v = new Point(i, "p".repeat(i % 13));
                w.write(k, v);
                expected.add(k + "=" + v);
            }
        }
        long size = Files.size(file);
        for (long split : new long[] {size + 1, size / 2, 10_000, 4_096, 333}) {
            Configuration in = FormatTestSupport.conf(file.toString(), split);
            var got = FormatTestSupport.readAll(new RecordFileInputFormat<Pair<String, Long>, Point>(), FormatTestSupport.context(in));
            List<String> actual = got.stream().map(r -> r.key() + "=" + r.value()).toList();
            assertEquals(expected.size(), actual.size(), "records read at split size " + split);
            assertEquals(expected, actual, "split size " + split);
        }
    }

    @Test
    void aTextFileIsRefusedWithItsName() throws Exception {
        Path file = Files.writeString(dir.resolve("text.txt"), "not a record file\n");
        IOException e = assertThrows(IOException.class, () -> FormatTestSupport.readAll(new RecordFileInputFormat<>(),
                FormatTestSupport.context(FormatTestSupport.conf(file.toString(), 100))));
        assertEquals(file + " is not a record file written by RecordFileOutputFormat", e.getMessage());
    }
}
