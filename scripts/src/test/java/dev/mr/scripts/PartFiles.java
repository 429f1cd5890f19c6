package dev.mr.scripts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** A job's output directory as the ITs read it: its part files in name order, their bytes, their lines. */
final class PartFiles {

    private PartFiles() {}

    /** The {@code part-*} files of {@code out}, in name order (the order of their partitions). */
    static List<Path> of(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    /** The part files of {@code out}, concatenated in name order. */
    static byte[] bytes(Path out) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path p : of(out)) all.writeBytes(Files.readAllBytes(p));
        return all.toByteArray();
    }

    /** {@link #bytes} as UTF-8 text. */
    static String text(Path out) throws IOException {
        return new String(bytes(out), StandardCharsets.UTF_8);
    }

    /** The non-empty lines of {@code text}, sorted: for outputs whose partitioning differs but whose records must not. */
    static List<String> sortedLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        lines.removeIf(String::isEmpty);
        lines.sort(null);
        return lines;
    }
}
