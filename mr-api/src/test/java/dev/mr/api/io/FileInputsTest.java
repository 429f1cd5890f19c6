package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories as inputs, whole-file records and fixed-length TeraSort records: each file
 * read once, hidden files skipped, record boundaries respected at any split size, and a
 * missing input named in the error.
 */
class FileInputsTest {

    @TempDir
    Path dir;

    @Test
    void directoryInputSkipsHiddenAndUnderscoreFilesAndKeysByListedPath() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("b.txt"), "bee");
        Files.writeString(in.resolve("a.txt"), "ay\nline2");
        Files.writeString(in.resolve("_SUCCESS"), "");
        Files.writeString(in.resolve(".crc"), "hidden");
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub/c.txt"), "sea");
        String listed = in.toString() + "/";
        var got = FormatTestSupport.readAll(new WholeFileInputFormat(), FormatTestSupport.context(FormatTestSupport.conf(listed, 2)));
        assertEquals(List.of(in + "/a.txt=ay\nline2", in + "/b.txt=bee", in + "/sub/c.txt=sea"),
                got.stream().map(r -> r.key() + "=" + r.value()).toList());
    }

    @Test
    void singleFileKeyIsExactlyTheListedPath() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "contents");
        String listed = "file://" + dir + "/./x.txt";
        var got = FormatTestSupport.readAll(new WholeFileInputFormat(), FormatTestSupport.context(FormatTestSupport.conf(listed, 2)));
        assertEquals(listed, got.get(0).key());
        assertEquals(listed, got.get(0).path());
    }

    @Test
    void missingInputIsNamed() {
        Configuration conf = FormatTestSupport.conf(dir.resolve("nope").toString(), 10);
        InvalidJobException e = assertThrows(InvalidJobException.class,
                () -> new TextInputFormat().splits(FormatTestSupport.context(conf)));
        assertEquals("input " + dir.resolve("nope") + " does not exist", e.getMessage());
    }

    @Test
    void teraRecordsReadOnceAtEverySplitSize() throws Exception {
        byte[] data = new byte[100 * 23];
        new Random(3).nextBytes(data);
        Path p = Files.write(dir.resolve("tera"), data);
        for (long splitSize : new long[] {1, 7, 99, 100, 101, 250, 1000, 5000}) {
            var got = FormatTestSupport.readAll(new TeraInputFormat(), FormatTestSupport.context(FormatTestSupport.conf(p.toString(), splitSize)));
            assertEquals(23, got.size(), "split size " + splitSize);
            for (int i = 0; i < 23; i++) {
                byte[] record = new byte[100];
                System.arraycopy(data, i * 100, record, 0, 100);
                assertArrayEquals(java.util.Arrays.copyOf(record, 10), got.get(i).key());
                assertArrayEquals(java.util.Arrays.copyOfRange(record, 10, 100), got.get(i).value());
            }
        }
    }

    @Test
    void teraFileWithAPartialRecordIsAnError() throws Exception {
        Path p = Files.write(dir.resolve("bad"), new byte[150]);
        var e = assertThrows(java.io.IOException.class,
                () -> FormatTestSupport.readAll(new TeraInputFormat(), FormatTestSupport.context(FormatTestSupport.conf(p.toString(), 1000))));
        assertEquals(p + " ends inside a record: its length is not a multiple of 100", e.getMessage());
    }

    @Test
    void utf8IsDecodedPerLine() throws Exception {
        Path p = Files.write(dir.resolve("u.txt"), "żółw\n€\n".getBytes(StandardCharsets.UTF_8));
        var got = FormatTestSupport.readAll(new TextInputFormat(), FormatTestSupport.context(FormatTestSupport.conf(p.toString(), 3)));
        assertEquals(List.of("żółw", "€"), got.stream().map(FormatTestSupport.Rec::value).toList());
    }
}
