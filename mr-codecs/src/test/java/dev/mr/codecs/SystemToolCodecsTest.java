package dev.mr.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputSplit;
import dev.mr.api.io.KeyValueTextInputFormat;
import dev.mr.api.io.RecordReader;
import dev.mr.api.io.RecordWriter;
import dev.mr.api.io.TextInputFormat;
import dev.mr.api.io.TextOutputFormat;
import dev.mr.api.io.compress.Codecs;
import dev.mr.api.serde.Serdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codecs of this module must speak their formats exactly as the formats' own tools do, or a
 * user's {@code .zst} log would not read and our {@code part-r-00000.zst} would not open
 * elsewhere. Each format, found by its extension through {@link java.util.ServiceLoader}: a
 * file made by the system tool reads through the line formats as the plain file; a
 * concatenation of two files reads as both; a truncated file fails naming the file and the
 * offset; and output written with {@code mr.output.compress} is read back by the tool's {@code -dc}.
 * The tools are installed by {@code scripts/mr-test}; a missing one fails the test rather than skipping it.
 */
class SystemToolCodecsTest {

    @TempDir
    Path dir;

    private byte[] text;
    private Path plain;

    @BeforeEach
    void writeText() throws IOException {
        Random r = new Random(11);
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < 60_000; line++) {
            for (int w = 0; w < r.nextInt(8); w++) sb.append(w == 0 ? "" : " ").append("w").append(r.nextInt(3000));
            if (r.nextInt(5) == 0) sb.append('\t').append(line);
            sb.append('\n');
        }
        text = sb.toString().getBytes(StandardCharsets.UTF_8);
        plain = Files.write(dir.resolve("plain.txt"), text);
    }

    private static String tool(String codec) {
        return codec.equals("bzip2") ? "bzip2" : codec;
    }

    private static String extension(String codec) {
        return switch (codec) {
            case "zstd" -> ".zst";
            case "bzip2" -> ".bz2";
            case "lz4" -> ".lz4";
            default -> throw new IllegalArgumentException(codec);
        };
    }

    /** Runs a system tool with stdin from {@code in} and stdout to {@code out}. */
    private static void run(Path in, Path out, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    private Path compressWithTool(String codec, Path from, String name) throws Exception {
        Path out = dir.resolve(name + extension(codec));
        run(from, out, tool(codec), "-c", "-q");
        return out;
    }

    private static FormatContext context(Configuration conf) {
        return new FormatContext(conf, new FileSystems(conf), new Serdes(SystemToolCodecsTest.class.getClassLoader(), List.of()));
    }

    private static List<String> records(String input, boolean keyValue) throws IOException {
        FormatContext ctx = context(new Configuration().set(ConfKeys.INPUT_PATHS, input).setLong(ConfKeys.SPLIT_SIZE, 8192));
        var format = keyValue ? new KeyValueTextInputFormat() : new TextInputFormat();
        List<String> out = new ArrayList<>();
        List<InputSplit> splits = format.splits(ctx);
        for (InputSplit split : splits) {
            try (RecordReader<?, ?> r = format.reader(split, ctx)) {
                while (r.next()) out.add(r.key() + "|" + r.value());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "bzip2", "lz4"})
    void aFileMadeByTheToolReadsAsThePlainFileInOneSplit(String codec) throws Exception {
        Path compressed = compressWithTool(codec, plain, "plain.txt");
        assertEquals(codec, Codecs.forInput(compressed.toString()).orElseThrow().name());
        assertEquals(records(plain.toString(), false), records(compressed.toString(), false));
        assertEquals(records(plain.toString(), true), records(compressed.toString(), true), "key-value input");
        FormatContext ctx = context(new Configuration().set(ConfKeys.INPUT_PATHS, compressed.toString()).setLong(ConfKeys.SPLIT_SIZE, 8192));
        assertEquals(1, new TextInputFormat().splits(ctx).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "bzip2", "lz4"})
    void concatenatedFilesReadAsBoth(String codec) throws Exception {
        Path b = Files.writeString(dir.resolve("b.txt"), "second\tfile\n");
        Path both = dir.resolve("both" + extension(codec));
        Files.write(both, concat(Files.readAllBytes(compressWithTool(codec, plain, "a")), Files.readAllBytes(compressWithTool(codec, b, "b"))));
        Path plainBoth = Files.write(dir.resolve("both.txt"), concat(text, Files.readAllBytes(b)));
        assertEquals(records(plainBoth.toString(), true), records(both.toString(), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "bzip2", "lz4"})
    void aTruncatedFileFailsNamingItAndTheOffset(String codec) throws Exception {
        byte[] whole = Files.readAllBytes(compressWithTool(codec, plain, "whole"));
        Path truncated = Files.write(dir.resolve("truncated" + extension(codec)), Arrays.copyOf(whole, whole.length * 2 / 3));
        IOException e = assertThrows(IOException.class, () -> records(truncated.toString(), false));
        assertTrue(e.getMessage().startsWith("input " + truncated + " is corrupt at compressed byte "), e.getMessage());
        long at = Long.parseLong(e.getMessage().replaceAll(".* at compressed byte (\\d+):.*", "$1"));
        assertTrue(at > 0 && at <= whole.length * 2 / 3, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "bzip2", "lz4"})
    void outputIsReadBackByTheTool(String codec) throws Exception {
        FormatContext ctx = context(new Configuration().set(ConfKeys.OUTPUT_COMPRESS, codec));
        FsPath part = FsPath.parse(dir.resolve("out").resolve("part-r-00000").toString(), "file");
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        try (RecordWriter<String, Integer> w = new TextOutputFormat<String, Integer>().writer(part, ctx)) {
            for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
                w.write(line, line.length());
                want.writeBytes((line + "\t" + line.length() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path written = dir.resolve("out").resolve("part-r-00000" + extension(codec));
        assertTrue(Files.exists(written), "named with the codec's extension");
        Path back = dir.resolve("back.txt");
        run(written, back, tool(codec), "-dc");
        assertArrayEquals(want.toByteArray(), Files.readAllBytes(back));
        assertTrue(Files.size(written) < want.size() * 4 / 5, codec + " compresses: " + Files.size(written) + " of " + want.size());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
