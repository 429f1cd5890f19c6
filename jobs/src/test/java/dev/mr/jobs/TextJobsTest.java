package dev.mr.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.TextInputFormat;
import dev.mr.api.serde.Serdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each text example job must compute exactly what a plain Java program computes over the
 * same input: these tests run the drivers with the local runner (several splits, reducers
 * and spills) and compare their output with an independent computation.
 */
class TextJobsTest {

    @TempDir
    Path dir;

    private static final String[] VOCABULARY = {"the", "a", "of", "mr", "map", "reduce", "ünïcode", "日本", "x", "zebra", "The", "café", "\uD83D\uDE00"};
    private static final String[] SEPARATORS = {" ", " ", "  ", "\t", "\f", " \r"};

    private Path in;
    private List<String> docs;

    @BeforeEach
    void writeInput() throws Exception {
        Random r = new Random(42);
        in = Files.createDirectories(dir.resolve("in"));
        docs = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            StringBuilder sb = new StringBuilder();
            int lines = 500 + r.nextInt(1500);
            for (int l = 0; l < lines; l++) {
                int words = r.nextInt(12);
                for (int w = 0; w < words; w++) {
                    if (w > 0 || r.nextInt(5) == 0) sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
                    int z = (int) Math.min(VOCABULARY.length - 1, Math.abs(r.nextGaussian()) * 4);
                    sb.append(VOCABULARY[z]);
                    if (r.nextInt(10) == 0) sb.append(r.nextInt(50));
                }
                sb.append(r.nextInt(7) == 0 ? "\r\n" : "\n");
            }
            docs.add(sb.toString());
            Files.writeString(in.resolve("doc" + f + ".txt"), sb.toString(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[ \t\n\r\f]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static final java.util.Comparator<String> UTF8_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    @Test
    void wordCountEqualsAHashMapCount() throws Exception {
        Map<String, Integer> expected = new TreeMap<>(UTF8_ORDER);
        for (String d : docs) for (String w : words(d)) expected.merge(w, 1, Integer::sum);
        Path out = dir.resolve("out");
        assertTrue(WordCount.run(LocalJobs.opts("-D", "mr.reducers=3", in.toString(), out.toString())));
        List<String> want = new ArrayList<>();
        expected.forEach((w, c) -> want.add(w + "\t" + c));
        List<String> got = new ArrayList<>(LocalJobs.lines(out));
        got.sort((a, b) -> UTF8_ORDER.compare(a.substring(0, a.indexOf('\t')), b.substring(0, b.indexOf('\t'))));
        assertEquals(want, got);
        for (Path part : LocalJobs.parts(out)) {
            List<String> keys = Files.readAllLines(part).stream().map(l -> l.substring(0, l.indexOf('\t'))).toList();
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(UTF8_ORDER);
            assertEquals(sorted, keys, "each part file is sorted by word");
        }
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void wordCountKeepsWordsThatAreNotUtf8ByteForByte() throws Exception {
        // Latin-1 text: é is the single byte 0xE9, which is not UTF-8; decoding would turn
        // "café" and "cafè" into the same "caf\uFFFD" and merge their counts
        String text = "café cafè café\nnaïve\tcafé  cafè\r\n";
        Path latin = Files.createDirectories(dir.resolve("latin1"));
        Files.writeString(latin.resolve("doc.txt"), text, StandardCharsets.ISO_8859_1);
        Map<String, Integer> expected = new TreeMap<>(); // ISO-8859-1 maps bytes to chars one to one, in order
        for (String w : words(text)) expected.merge(w, 1, Integer::sum);
        Path out = dir.resolve("out-latin1");
        assertTrue(WordCount.run(LocalJobs.opts(latin.toString(), out.toString())));
        List<String> want = new ArrayList<>();
        expected.forEach((w, c) -> want.add(w + "\t" + c));
        List<String> got = new ArrayList<>();
        for (Path part : LocalJobs.parts(out)) got.addAll(Files.readAllLines(part, StandardCharsets.ISO_8859_1));
        assertEquals(List.of("caf\u00E8\t2", "caf\u00E9\t3", "na\u00EFve\t1"), want, "the oracle itself");
        assertEquals(want, got);
    }

    @Test
    void grepCountsMatchesMostFrequentFirst() throws Exception {
        Pattern p = Pattern.compile("[a-z]+e[a-z]*");
        Map<String, Long> counts = new HashMap<>();
        for (String d : docs) {
            for (String line : d.split("\n")) {
                Matcher m = p.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                while (m.find()) counts.merge(m.group(), 1L, Long::sum);
            }
        }
        List<String> want = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(UTF8_ORDER)))
                .map(e -> e.getValue() + "\t" + e.getKey()).toList();
        Path out = dir.resolve("grep");
        assertTrue(Grep.run(LocalJobs.opts("-D", "mr.reducers=2", in.toString(), out.toString(), p.pattern())));
        assertEquals(want, LocalJobs.lines(out));
        assertEquals(List.of("grep"), Files.list(dir).map(x -> x.getFileName().toString()).filter(n -> n.startsWith("grep")).toList(),
                "the intermediate output is removed");
    }

    @Test
    void invertedIndexListsTheFilesOfEachWord() throws Exception {
        Map<String, TreeSet<String>> expected = new TreeMap<>();
        for (int f = 0; f < docs.size(); f++) {
            for (String w : words(docs.get(f))) expected.computeIfAbsent(w, k -> new TreeSet<>()).add("doc" + f + ".txt");
        }
        List<String> want = new ArrayList<>();
        expected.forEach((w, files) -> want.add(w + "\t" + String.join(",", files)));
        want.sort(null);
        Path out = dir.resolve("index");
        assertTrue(InvertedIndex.run(LocalJobs.opts("-D", "mr.reducers=2", in.toString(), out.toString())));
        assertEquals(want, LocalJobs.sortedLines(out));
    }

    @Test
    void invertedIndexNamesEachFileWhenSmallFilesShareAMapTask() throws Exception {
        Random r = new Random(11);
        Path small = Files.createDirectories(dir.resolve("small"));
        Map<String, TreeSet<String>> expected = new TreeMap<>();
        for (int f = 0; f < 60; f++) {
            String name = "s" + f + ".txt";
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 1 + r.nextInt(8); w++) {
                String word = VOCABULARY[r.nextInt(VOCABULARY.length)] + (w % 2);
                sb.append(word).append(w % 3 == 2 ? "\n" : " ");
                expected.computeIfAbsent(word, k -> new TreeSet<>()).add(name);
            }
            Files.writeString(small.resolve(name), sb.toString(), StandardCharsets.UTF_8);
        }
        var opts = LocalJobs.opts("-D", "mr.reducers=2", small.toString(), dir.resolve("index").toString());
        Configuration conf = opts.conf().copy().set(ConfKeys.INPUT_PATHS, small.toString());
        try (FileSystems fs = new FileSystems(conf)) {
            int splits = new TextInputFormat().splits(new FormatContext(conf, fs, new Serdes(getClass().getClassLoader(), List.of()))).size();
            assertTrue(splits < 5, "60 small files are packed into a few splits, got " + splits);
        }
        List<String> want = new ArrayList<>();
        expected.forEach((w, files) -> want.add(w + "\t" + String.join(",", files)));
        want.sort(null);
        assertTrue(InvertedIndex.run(opts));
        assertEquals(want, LocalJobs.sortedLines(dir.resolve("index")));
    }
}
