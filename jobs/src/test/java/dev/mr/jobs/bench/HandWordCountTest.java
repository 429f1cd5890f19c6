package dev.mr.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's WordCount ratio is only meaningful if the hand-written baseline computes
 * the same answer as the framework: these tests hold it against the most naive count
 * there is (String.split and a HashMap), on generated text and on awkward inputs.
 */
class HandWordCountTest {
    @TempDir
    Path dir;

    @Test
    void countsGeneratedTextLikeANaiveSplitForAnyThreadCount() throws Exception {
        Path in = dir.resolve("text");
        new TextGen(7, 1.0).write(3_000_000, in, 2);
        byte[] expected = naive(Files.readString(in));
        for (int threads : new int[] {1, 2, 3, 8}) {
            assertArrayEquals(expected, handWordCount(in, threads), "threads=" + threads);
        }
    }

    @Test
    void handlesEmptyBlankCrlfUnterminatedAndNonAsciiInput() throws Exception {
        String[] inputs = {
            "",
            " \n\n\t \r\n",
            "a",
            "a b\r\nb\tc\fc  a\n\nz Z é 日本 😀 e\u0301 zz",
            "one line only with words words words",
            "x\n".repeat(5),
            // control bytes that are not Hadoop whitespace belong to the word, also mid-way in an 8-byte step
            "a\u0001b c\u000Bd 0123456\u0000789abcdef \u001F",
            // lengths around the 8- and 16-byte packing edges, sharing prefixes
            "1234567 12345678 123456789 123456789012345 1234567890123456 12345678901234567 1234567890123456 ééééééééé",
        };
        for (String text : inputs) {
            Path in = dir.resolve("in");
            Files.writeString(in, text);
            for (int threads : new int[] {1, 2, 7}) {
                assertArrayEquals(naive(text), handWordCount(in, threads), "input " + text.replace("\n", "\\n") + " threads=" + threads);
            }
        }
    }

    @Test
    void countsAWordLongerThanItsReadChunk() throws Exception {
        String text = "short " + "w".repeat((1 << 20) + 17) + " short\n" + "tail\n";
        Path in = dir.resolve("long");
        Files.writeString(in, text);
        assertArrayEquals(naive(text), handWordCount(in, 2));
    }

    private byte[] handWordCount(Path in, int threads) throws Exception {
        Path out = dir.resolve("out-" + threads);
        HandWordCount.write(HandWordCount.count(in, threads), out);
        return Files.readAllBytes(out);
    }

    /** The independent oracle: split Strings, count in a HashMap, sort by UTF-8 bytes. */
    static byte[] naive(String text) {
        Map<String, Long> counts = new HashMap<>();
        for (String w : text.split("[ \t\n\r\f]+")) {
            if (!w.isEmpty()) counts.merge(w, 1L, Long::sum);
        }
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String w : words) out.writeBytes((w + "\t" + counts.get(w) + "\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
