package dev.mr.master.jobs;

import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.spi.ShippedFiles;
import dev.mr.protocol.JobSpec.ShippedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a submission ships: the spec's list ({@code files}), which must name the same files
 * as the job's {@code -files}/{@code -libjars}/{@code -archives} settings, and the uploaded
 * {@code file} parts, each of which must be the content of one listed file, byte for byte (its
 * SHA-256 and size). Reads the uploads; writes nothing. Stateless.
 */
final class ShippedFilesPart {

    private ShippedFilesPart() {}

    /** The uploads by their SHA-256, once everything matches; else an {@link InvalidJobException} naming what does not. */
    static Map<String, Path> check(List<ShippedFile> listed, Configuration conf, List<Path> uploads) throws IOException {
        List<String> expected = new ArrayList<>();
        try {
            for (ShippedFiles.Entry e : ShippedFiles.of(conf)) expected.add(e.kind().wireName + " " + e.alias());
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage());
        }
        List<String> got = new ArrayList<>();
        for (ShippedFile f : listed) {
            if (f == null || f.alias() == null || f.kind() == null || !FileStore.isSha256(f.sha256()) || f.size() < 0) {
                throw new InvalidJobException("the spec's files list " + f + ": each needs an alias, a kind, a lower-case hex sha256 and a size");
            }
            try {
                ShippedFiles.Kind.ofWireName(f.kind());
            } catch (IllegalArgumentException e) {
                throw new InvalidJobException("the spec's files: " + e.getMessage());
            }
            got.add(f.kind() + " " + f.alias());
        }
        if (!sorted(expected).equals(sorted(got))) {
            throw new InvalidJobException("the spec's files " + got + " are not the files the job's settings ship " + expected
                    + "; let mr-submit or Job.waitForCompletion build the submission");
        }
        Map<String, Path> bySha = new HashMap<>();
        for (Path u : uploads) bySha.put(JarStore.sha256(u), u);
        Map<String, Path> needed = new HashMap<>();
        for (ShippedFile f : listed) {
            Path u = bySha.get(f.sha256());
            if (u == null) {
                throw new InvalidJobException("the spec ships " + f.alias() + " (SHA-256 " + f.sha256() + ") but no 'file' part has that content");
            }
            if (Files.size(u) != f.size()) {
                throw new InvalidJobException("the spec says " + f.alias() + " has " + f.size() + " bytes, but its part has " + Files.size(u));
            }
            needed.put(f.sha256(), u);
        }
        if (needed.size() != bySha.size()) {
            throw new InvalidJobException("the submission has " + (bySha.size() - needed.size()) + " 'file' part(s) that the spec's files do not list");
        }
        return needed;
    }

    private static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        c.sort(null);
        return c;
    }
}
