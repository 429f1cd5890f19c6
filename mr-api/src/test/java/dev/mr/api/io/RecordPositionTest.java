package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FsPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skip mode names a bad record by its file and starting offset, so the next attempt, which may
 * read the same split again, can recognise it: a reader's {@code recordPosition} must be the
 * record's own start in its file, the same whichever split reads it, and -1 where unknown.
 */
class RecordPositionTest {

    @TempDir
    Path dir;

    /** Positions of every record over all splits of {@code conf}'s input, in reading order. */
    private static <K, V> List<Long> positions(InputFormat<K, V> format, Configuration conf) throws Exception {
        FormatContext ctx = FormatTestSupport.context(conf);
        List<Long> out = new ArrayList<>();
        for (InputSplit split : format.splits(ctx)) {
            try (RecordReader<K, V> r = format.reader(split, ctx)) {
                while (r.next()) out.add(r.recordPosition());
            }
        }
        return out;
    }

    @Test
    void aTextRecordIsAtItsLineOffsetAtEverySplitSize() throws Exception {
        byte[] data = "alpha\r\n\nbeta\ngamma delta\n€uro\nlast".getBytes(StandardCharsets.UTF_8);
        Path p = Files.write(dir.resolve("t.txt"), data);
        List<Long> expected = TextSplitBoundaryTest.parse(data).stream().map(TextSplitBoundaryTest.Line::offset).toList();
        for (long split = 1; split <= data.length + 1; split++) {
            Configuration conf = FormatTestSupport.conf(p.toString(), split);
            assertEquals(expected, positions(new TextInputFormat(), conf), "split size " + split);
            assertEquals(expected, positions(new RawTextInputFormat(), conf), "raw, split size " + split);
            assertEquals(expected, positions(new KeyValueTextInputFormat(), conf), "key-value, split size " + split);
        }
    }

    @Test
    void aTeraRecordIsAtItsIndexTimesOneHundred() throws Exception {
        byte[] data = new byte[100 * 17];
        new Random(5).nextBytes(data);
        Path p = Files.write(dir.resolve("tera"), data);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 17; i++) expected.add(i * 100);
        for (long split : new long[] {1, 99, 100, 101, 333, 5000}) {
            assertEquals(expected, positions(new TeraInputFormat(), FormatTestSupport.conf(p.toString(), split)), "split size " + split);
        }
    }

    @Test
    void aRecordFileRecordHasOnePositionWhicheverSplitReadsIt() throws Exception {
        Path file = dir.resolve("part-r-00000");
        Configuration conf = new Configuration().set(ConfKeys.OUTPUT_KEY, String.class.getName()).set(ConfKeys.OUTPUT_VALUE, Long.class.getName());
        try (RecordWriter<String, Long> w = new RecordFileOutputFormat<String, Long>()
                .writer(FsPath.parse(file.toString(), "file"), FormatTestSupport.context(conf))) {
            for (long i = 0; i < 5_000; i++) w.write("key-" + i, i);
        }
        List<Long> whole = positions(new RecordFileInputFormat<String, Long>(), FormatTestSupport.conf(file.toString(), Files.size(file) + 1));
        assertEquals(5_000, whole.size());
        for (int i = 1; i < whole.size(); i++) assertTrue(whole.get(i) > whole.get(i - 1), "positions increase: " + whole.subList(i - 1, i + 1));
        for (long split : new long[] {4_096, 1_000, 333}) {
            assertEquals(whole, positions(new RecordFileInputFormat<String, Long>(), FormatTestSupport.conf(file.toString(), split)), "split size " + split);
        }
    }

    @Test
    void aPackedSplitGivesPositionsWithinEachFile() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "one\ntwo\n");
        Files.writeString(dir.resolve("b.txt"), "three\nfour\n");
        Configuration conf = FormatTestSupport.conf(dir.toString(), 1 << 20);
        assertEquals(List.of(0L, 4L, 0L, 6L), positions(new TextInputFormat(), conf));
    }

    @Test
    void aReaderThatCannotTellSaysMinusOne() throws Exception {
        Files.writeString(dir.resolve("w.txt"), "whole\nfile\n");
        assertEquals(List.of(-1L), positions(new WholeFileInputFormat(), FormatTestSupport.conf(dir.resolve("w.txt").toString(), 100)));
    }
}
