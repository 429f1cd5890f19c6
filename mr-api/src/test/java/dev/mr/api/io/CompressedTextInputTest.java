package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Text;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.compress.Codecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .gz} file used to be read as binary garbage. Files compressed by the system's own
 * {@code gzip} must read, through every line format, exactly as the plain file does (keys are
 * uncompressed offsets), as one split whatever the split size, with progress counted in
 * compressed bytes; {@code cat a.gz b.gz} reads as both; a damaged file fails naming the file
 * and the compressed offset; and without mr-codecs (this module's tests do not have it) a
 * {@code .zst} file or {@code mr.output.compress=zstd} fails naming the module to add.
 */
class CompressedTextInputTest {

    @TempDir
    Path dir;

    private byte[] text;
    private Path plain;

    @BeforeEach
    void writeText() throws Exception {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 30_000; line++) {
            int words = r.nextInt(8);
            for (int w = 0; w < words; w++) sb.append(w == 0 ? "" : " ").append("w").append(r.nextInt(2000));
            if (r.nextInt(9) == 0) sb.append("\tvalue ").append(line);
            sb.append(r.nextInt(11) == 0 ? "\r\n" : "\n");
        }
        sb.append("last line without newline ünïcödé");
        text = sb.toString().getBytes(StandardCharsets.UTF_8);
        plain = Files.write(dir.resolve("plain.txt"), text);
    }

    /** Runs a system tool with stdin from {@code in} and stdout to {@code out}. */
    static void tool(Path in, Path out, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    private Path gzip(Path from, String name) throws Exception {
        Path gz = dir.resolve(name);
        tool(from, gz, "gzip", "-c");
        return gz;
    }

    /** Every record of {@code input} as {@code key|value}, turned into text as it is read (a raw value is reused). */
    private static <K, V> List<String> records(InputFormat<K, V> format, String input) throws IOException {
        FormatContext ctx = FormatTestSupport.context(FormatTestSupport.conf(input, 4096));
        List<String> out = new ArrayList<>();
        for (InputSplit split : format.splits(ctx)) {
            try (RecordReader<K, V> r = format.reader(split, ctx)) {
                while (r.next()) out.add(r.key() + "|" + r.value());
            }
        }
        return out;
    }

    @Test
    void everyLineFormatReadsAGzipFileAsThePlainFile() throws Exception {
        Path gz = gzip(plain, "plain.txt.gz");
        assertEquals(records(new TextInputFormat(), plain.toString()), records(new TextInputFormat(), gz.toString()));
        assertEquals(records(new RawTextInputFormat(), plain.toString()), records(new RawTextInputFormat(), gz.toString()));
        assertEquals(records(new KeyValueTextInputFormat(), plain.toString()), records(new KeyValueTextInputFormat(), gz.toString()));
        assertTrue(records(new KeyValueTextInputFormat(), gz.toString()).stream().anyMatch(r -> r.contains("|value ")), "some lines have values");
    }

    @Test
    void aGzipFileIsOneSplitAndProgressCountsItsCompressedBytes() throws Exception {
        Path gz = gzip(plain, "plain.txt.gz");
        FormatContext ctx = FormatTestSupport.context(FormatTestSupport.conf(gz.toString(), 4096));
        TextInputFormat format = new TextInputFormat();
        List<InputSplit> splits = format.splits(ctx);
        assertEquals(1, splits.size(), "a gzip file cannot be read from its middle");
        assertEquals(Files.size(gz), splits.get(0).length());
        try (RecordReader<Long, String> r = format.reader(splits.get(0), ctx)) {
            assertTrue(r.next());
            assertTrue(r.bytesRead() > 0 && r.bytesRead() <= Files.size(gz), "bytes read " + r.bytesRead());
            while (r.next()) {
                // to the end
            }
            assertEquals(Files.size(gz), r.bytesRead(), "at the end, all of the compressed file is consumed");
        }
        // a small compressed file is packed with others like any small file, and read through its codec
        FormatContext both = FormatTestSupport.context(FormatTestSupport.conf(plain + "," + gz, 4 << 20));
        assertEquals(1, format.splits(both).size());
        List<String> twice = new ArrayList<>(records(new TextInputFormat(), plain.toString()));
        twice.addAll(twice);
        List<String> packed = new ArrayList<>();
        for (FormatTestSupport.Rec<Long, String> rec : FormatTestSupport.readAll(format, both)) packed.add(rec.key() + "|" + rec.value());
        assertEquals(twice, packed);
        assertEquals(Files.size(plain) + Files.size(gz), FormatTestSupport.lastBytesRead);
    }

    @Test
    void concatenatedGzipMembersReadAsBothFiles() throws Exception {
        byte[] second = "second file\nits second line\n".getBytes(StandardCharsets.UTF_8);
        Path b = Files.write(dir.resolve("b.txt"), second);
        Path both = dir.resolve("both.gz");
        Files.write(both, concat(Files.readAllBytes(gzip(plain, "a.gz")), Files.readAllBytes(gzip(b, "b.gz"))));
        Path plainBoth = Files.write(dir.resolve("both.txt"), concat(text, "\n".getBytes(StandardCharsets.UTF_8), second));
        List<String> got = records(new TextInputFormat(), both.toString());
        // the first file ends without a newline, so its last line runs into the second file's first
        List<String> want = records(new TextInputFormat(), plainBoth.toString());
        want.set(want.size() - 3, want.get(want.size() - 3) + "second file");
        want.remove(want.size() - 2);
        assertEquals(want.size(), got.size());
        assertTrue(got.get(got.size() - 2).endsWith("ünïcödésecond file"), got.get(got.size() - 2));
        assertTrue(got.get(got.size() - 1).endsWith("|its second line"), got.get(got.size() - 1));
    }

    @Test
    void aTruncatedGzipFileFailsNamingTheFileAndTheOffset() throws Exception {
        byte[] whole = Files.readAllBytes(gzip(plain, "whole.gz"));
        int cut = whole.length / 2;
        Path truncated = Files.write(dir.resolve("truncated.gz"), java.util.Arrays.copyOf(whole, cut));
        IOException e = assertThrows(IOException.class, () -> records(new TextInputFormat(), truncated.toString()));
        assertEquals("input " + truncated + " is corrupt at compressed byte " + cut + ": Unexpected end of gzip input inside member 1", e.getMessage());
    }

    @Test
    void aDamagedGzipFileFailsNamingTheFile() throws Exception {
        byte[] whole = Files.readAllBytes(gzip(plain, "whole.gz"));
        // a flipped byte in the trailer's CRC: the data inflates, the check must catch it
        byte[] badCrc = whole.clone();
        badCrc[badCrc.length - 6] ^= 0x55;
        Path p = Files.write(dir.resolve("badcrc.gz"), badCrc);
        IOException e = assertThrows(IOException.class, () -> records(new TextInputFormat(), p.toString()));
        assertTrue(e.getMessage().startsWith("input " + p + " is corrupt at compressed byte "), e.getMessage());
        assertTrue(e.getMessage().endsWith("gzip member 1 fails its CRC-32 check"), e.getMessage());
        // bytes after the last member that are not another member
        Path garbage = Files.write(dir.resolve("garbage.gz"), concat(whole, "not gzip".getBytes(StandardCharsets.UTF_8)));
        e = assertThrows(IOException.class, () -> records(new TextInputFormat(), garbage.toString()));
        assertTrue(e.getMessage().endsWith("bytes after gzip member 1 are not another gzip member"), e.getMessage());
        // a plain file named .gz
        Path notGzip = Files.copy(plain, dir.resolve("not.gz"));
        e = assertThrows(IOException.class, () -> records(new TextInputFormat(), notGzip.toString()));
        assertTrue(e.getMessage().matches("input .*not\\.gz is corrupt at compressed byte \\d+: not in gzip format"), e.getMessage());
    }

    @Test
    void withoutMrCodecsAZstdFileFailsNamingTheModule() throws Exception {
        Path zst = Files.write(dir.resolve("data.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0});
        FormatContext ctx = FormatTestSupport.context(FormatTestSupport.conf(zst.toString(), 1));
        assertEquals(1, new TextInputFormat().splits(ctx).size(), "still one split: its extension says it is compressed");
        IOException e = assertThrows(IOException.class, () -> records(new TextInputFormat(), zst.toString()));
        assertEquals("input " + zst + " is zstd-compressed (.zst) but no zstd codec is on the class path: add the module mr-codecs (dev.mr:mr-codecs)",
                e.getMessage());
        InvalidJobException out = assertThrows(InvalidJobException.class,
                () -> Codecs.forOutput(new Configuration().set(ConfKeys.OUTPUT_COMPRESS, "zstd")));
        assertEquals("mr.output.compress=zstd needs the zstd codec, which is not on the class path: add the module mr-codecs (dev.mr:mr-codecs)",
                out.getMessage());
    }

    @Test
    void gzipOutputIsReadByTheSystemGzipAndNamedPartGz() throws Exception {
        Configuration conf = new Configuration().set(ConfKeys.OUTPUT_COMPRESS, "gzip");
        FormatContext ctx = FormatTestSupport.context(conf);
        FsPath part = FsPath.parse(dir.resolve("out").resolve("part-r-00000").toString(), "file");
        StringBuilder want = new StringBuilder();
        try (RecordWriter<String, Object> w = new TextOutputFormat<String, Object>().writer(part, ctx)) {
            for (int i = 0; i < 50_000; i++) {
                Object v = i % 2 == 0 ? (Object) i : new Text("t" + i);
                w.write("k" + i, v);
                want.append("k").append(i).append('\t').append(i % 2 == 0 ? "" + i : "t" + i).append('\n');
            }
        }
        assertTrue(Files.notExists(dir.resolve("out").resolve("part-r-00000")));
        Path gz = dir.resolve("out").resolve("part-r-00000.gz");
        Path back = dir.resolve("back.txt");
        tool(gz, back, "gzip", "-dc");
        assertEquals(want.toString(), Files.readString(back));
        assertTrue(Files.size(gz) < want.length() / 2, "compressed: " + Files.size(gz));
    }

    @Test
    void anUnknownOutputCodecIsRefusedNamingTheChoices() {
        for (String name : new String[] {"snappy", "gz"}) {
            InvalidJobException e = assertThrows(InvalidJobException.class,
                    () -> Codecs.forOutput(new Configuration().set(ConfKeys.OUTPUT_COMPRESS, name)));
            assertEquals("mr.output.compress=" + name + " is not a codec; choose one of bzip2|gzip|lz4|zstd|none", e.getMessage());
        }
        assertTrue(Codecs.forOutput(new Configuration()).isEmpty(), "none by default");
        assertTrue(Codecs.forOutput(new Configuration().set(ConfKeys.OUTPUT_COMPRESS, "none")).isEmpty());
        assertEquals("gzip", Codecs.forOutput(new Configuration().set(ConfKeys.OUTPUT_COMPRESS, "GZIP")).orElseThrow().name());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
