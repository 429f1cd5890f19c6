package dev.mr.jobs;

import dev.mr.api.GenericOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs example drivers with the local runner, with small splits and buffers so that every path of the shuffle is exercised. */
final class LocalJobs {

    private LocalJobs() {}

    static GenericOptions opts(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "-D", "mr.framework=local",
                "-D", "mr.local.threads=3",
                "-D", "mr.input.split.size=20000",
                "-D", "mr.sort.buffer.mb=1"));
        all.addAll(List.of(args));
        return GenericOptions.parse(all.toArray(String[]::new));
    }

    /** The job's part files in name order. */
    static List<Path> parts(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    /** All output lines, part files in name order. */
    static List<String> lines(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path p : parts(out)) lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
        return lines;
    }

    static List<String> sortedLines(Path out) throws IOException {
        List<String> lines = new ArrayList<>(lines(out));
        lines.sort(null);
        return lines;
    }
}
