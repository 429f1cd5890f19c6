package dev.mr.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench caches generated inputs by size and seed, so generation must be exact and
 * repeatable: these tests pin the size, the line shape, valid UTF-8, and independence
 * from the thread count.
 */
class TextGenTest {
    @TempDir
    Path dir;

    @Test
    void writesExactlyTheRequestedBytesAsWholeValidUtf8Lines() throws Exception {
        TextGen gen = new TextGen(3, 1.0);
        for (long size : new long[] {0, 1, 2, 3, 100, TextGen.BLOCK - 1, TextGen.BLOCK + 1}) {
            Path f = dir.resolve("t" + size);
            gen.write(size, f, 2);
            byte[] b = Files.readAllBytes(f);
            assertEquals(size, b.length);
            if (size > 0) assertEquals('\n', b[b.length - 1], "size " + size);
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            assertFalse(Files.exists(ChannelIo.temporarySibling(f)));
        }
    }

    @Test
    void sameSeedGivesSameBytesWhateverTheThreads() throws Exception {
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        new TextGen(11, 1.0).write(9_000_000, one, 1);
        new TextGen(11, 1.0).write(9_000_000, three, 3);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(three));
    }

    @Test
    void looksLikeZipfTextWithTabsAndNonAsciiWords() throws Exception {
        Path f = dir.resolve("zipf");
        new TextGen(5, 1.0).write(2_000_000, f, 2);
        String text = Files.readString(f);
        assertTrue(text.indexOf('\t') >= 0, "some tabs");
        assertTrue(text.chars().anyMatch(c -> c > 127), "some non-ASCII");
        Set<String> distinct = new HashSet<>();
        for (String line : text.split("\n")) {
            String[] words = line.split("[ \t]");
            for (String w : words) {
                assertFalse(w.isEmpty(), "single separators only");
                distinct.add(w);
            }
        }
        assertTrue(distinct.size() > 20_000, "a wide vocabulary: " + distinct.size());
    }
}
