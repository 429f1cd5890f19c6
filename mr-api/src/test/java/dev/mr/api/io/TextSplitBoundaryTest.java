package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.Configuration;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line crossing a split boundary must be read exactly once, by the split in which it
 * starts, however the file is cut: with \n and \r\n endings, empty lines, a last line without
 * a newline, and multi-byte UTF-8 characters straddling the cut. Checked by cutting files at
 * every split size against an independent parse of the whole file.
 */
class TextSplitBoundaryTest {

    @TempDir
    Path dir;

    record Line(long offset, String text) {}

    /** The independent oracle: offsets and contents of lines, parsed from the whole file at once. */
    static List<Line> parse(byte[] data) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            boolean end = i == data.length;
            if (end && start == data.length) break;
            if (end || data[i] == '\n') {
                int stop = i;
                if (!end && stop > start && data[stop - 1] == '\r') stop--;
                lines.add(new Line(start, new String(data, start, stop - start, StandardCharsets.UTF_8)));
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] sample(Random r, boolean trailingNewline) {
        String[] pieces = {"a", "bb", "héllo", "€uro", "\uD83D\uDE00", "\t", " ", "x\ty", "ünïcödé"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = 5 + r.nextInt(20);
        for (int l = 0; l < lines; l++) {
            int words = r.nextInt(4);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) sb.append(pieces[r.nextInt(pieces.length)]);
            out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
            if (l < lines - 1 || trailingNewline) out.writeBytes((r.nextBoolean() ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void everyLineReadOnceByTheSplitWhereItStartsAtEverySplitSize() throws Exception {
        Random r = new Random(7);
        for (int file = 0; file < 12; file++) {
            byte[] data = sample(r, file % 2 == 0);
            Path p = dir.resolve("f" + file + ".txt");
            Files.write(p, data);
            List<Line> expected = parse(data);
            for (long splitSize = 1; splitSize <= data.length + 1; splitSize++) {
                Configuration conf = FormatTestSupport.conf(p.toString(), splitSize);
                var got = FormatTestSupport.readAll(new TextInputFormat(), FormatTestSupport.context(conf));
                List<Line> lines = got.stream().map(x -> new Line(x.key(), x.value())).toList();
                assertEquals(expected, lines, "file " + file + " split size " + splitSize);
                assertEquals(data.length, FormatTestSupport.lastBytesRead, "bytes read over all splits, split size " + splitSize);
                assertEquals(expected, rawLines(conf), "as Text: file " + file + " split size " + splitSize);
            }
        }
    }

    /** The lines as {@link RawTextInputFormat} reads them, each taken before the next replaces its reused value. */
    private static List<Line> rawLines(Configuration conf) throws Exception {
        RawTextInputFormat format = new RawTextInputFormat();
        FormatContext ctx = FormatTestSupport.context(conf);
        List<Line> lines = new ArrayList<>();
        for (InputSplit split : format.splits(ctx)) {
            try (RecordReader<Long, dev.mr.api.Text> r = format.reader(split, ctx)) {
                while (r.next()) lines.add(new Line(r.key(), r.value().toString()));
            }
        }
        return lines;
    }

    @Test
    void rawTextHandsOverTheLineBytesUndecoded() throws Exception {
        byte[] data = {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\r', '\n', (byte) 0xFF};
        Path p = dir.resolve("latin1.txt");
        Files.write(p, data);
        RawTextInputFormat format = new RawTextInputFormat();
        FormatContext ctx = FormatTestSupport.context(FormatTestSupport.conf(p.toString(), 1 << 20));
        List<byte[]> lines = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (InputSplit split : format.splits(ctx)) {
            try (RecordReader<Long, dev.mr.api.Text> r = format.reader(split, ctx)) {
                while (r.next()) {
                    offsets.add(r.key());
                    lines.add(r.value().copyBytes());
                }
            }
        }
        assertEquals(List.of(0L, 3L, 9L), offsets);
        assertArrayEquals(new byte[] {'o', 'k'}, lines.get(0));
        assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xE9}, lines.get(1));
        assertArrayEquals(new byte[] {(byte) 0xFF}, lines.get(2));
    }

    @Test
    void keyValueLinesSplitAtTheFirstTab() throws Exception {
        Random r = new Random(11);
        for (int file = 0; file < 6; file++) {
            byte[] data = sample(r, file % 2 == 1);
            Path p = dir.resolve("kv" + file + ".txt");
            Files.write(p, data);
            List<String> expected = new ArrayList<>();
            for (Line l : parse(data)) {
                int tab = l.text().indexOf('\t');
                expected.add(tab < 0 ? l.text() + "|" : l.text().substring(0, tab) + "|" + l.text().substring(tab + 1));
            }
            for (long splitSize = 1; splitSize <= data.length + 1; splitSize += 3) {
                var got = FormatTestSupport.readAll(new KeyValueTextInputFormat(), FormatTestSupport.context(FormatTestSupport.conf(p.toString(), splitSize)));
                assertEquals(expected, got.stream().map(x -> x.key() + "|" + x.value()).toList(), "split size " + splitSize);
            }
        }
    }

    @Test
    void emptyFileHasNoLines() throws Exception {
        Path p = Files.write(dir.resolve("empty.txt"), new byte[0]);
        assertEquals(List.of(), FormatTestSupport.readAll(new TextInputFormat(), FormatTestSupport.context(FormatTestSupport.conf(p.toString(), 4))));
    }
}
