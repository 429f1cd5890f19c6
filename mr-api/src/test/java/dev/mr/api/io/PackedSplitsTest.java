package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packing must be invisible in the records: a packed split reads each file with the format's
 * own reader, so text keys stay offsets within their file and whole-file records stay one per
 * file, and every byte is counted once. The target follows the split size unless set.
 */
class PackedSplitsTest {

    @TempDir
    Path dir;

    private Path smallFiles(int n) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < n; i++) Files.writeString(in.resolve(String.format("f%02d.txt", i)), "one " + i + "\ntwo " + i + "\n");
        return in;
    }

    @Test
    void textKeysAreOffsetsWithinEachPackedFile() throws Exception {
        Path in = smallFiles(10);
        FormatContext ctx = FormatTestSupport.context(FormatTestSupport.conf(in.toString(), 1000));
        List<InputSplit> splits = new TextInputFormat().splits(ctx);
        assertEquals(1, splits.size(), "ten 12-byte files fit one 1000-byte split");
        assertInstanceOf(MultiFileSplit.class, splits.get(0));
        var got = FormatTestSupport.readAll(new TextInputFormat(), ctx);
        List<String> want = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            want.add("0=one " + i);
            want.add(("one " + i + "\n").length() + "=two " + i);
        }
        assertEquals(want, got.stream().map(r -> r.key() + "=" + r.value()).toList());
        long total = 0;
        try (var files = Files.list(in)) {
            for (Path p : files.toList()) total += Files.size(p);
        }
        assertEquals(total, FormatTestSupport.lastBytesRead, "bytes read are summed over the packed files");
    }

    @Test
    void packedWholeFilesAreStillOneRecordPerFileKeyedByPath() throws Exception {
        Path in = smallFiles(3);
        FormatContext ctx = FormatTestSupport.context(FormatTestSupport.conf(in.toString(), 1000));
        assertEquals(1, new WholeFileInputFormat().splits(ctx).size());
        var got = FormatTestSupport.readAll(new WholeFileInputFormat(), ctx);
        assertEquals(List.of(in + "/f00.txt=one 0\ntwo 0\n", in + "/f01.txt=one 1\ntwo 1\n", in + "/f02.txt=one 2\ntwo 2\n"),
                got.stream().map(r -> r.key() + "=" + r.value()).toList());
    }

    @Test
    void packSizeOverridesTheSplitSizeAndZeroTurnsItOff() throws Exception {
        Path in = smallFiles(10);
        Configuration conf = FormatTestSupport.conf(in.toString(), 1000);
        conf.setLong(ConfKeys.PACK_SIZE, 36);
        // 12 bytes each: three to a split, the last file alone
        assertEquals(4, new TextInputFormat().splits(FormatTestSupport.context(conf)).size());
        conf.setLong(ConfKeys.PACK_SIZE, 0);
        List<InputSplit> off = new TextInputFormat().splits(FormatTestSupport.context(conf));
        assertEquals(10, off.size());
        off.forEach(s -> assertInstanceOf(FileSplit.class, s));
    }

    @Test
    void withoutASplitSizeTheTargetIsTheBlockSize() throws Exception {
        smallFiles(10);
        Configuration conf = new Configuration().set(ConfKeys.INPUT_PATHS, dir.resolve("in").toString());
        assertEquals(1, new TextInputFormat().splits(FormatTestSupport.context(conf)).size());
    }

    @Test
    void aNegativePackSizeIsRefusedByName() throws Exception {
        Path in = smallFiles(2);
        Configuration conf = FormatTestSupport.conf(in.toString(), 1000).setLong(ConfKeys.PACK_SIZE, -5);
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> new TextInputFormat().splits(FormatTestSupport.context(conf)));
        assertEquals("mr.input.pack.size must be 0 (no packing) or a size in bytes, not -5", e.getMessage());
    }
}
