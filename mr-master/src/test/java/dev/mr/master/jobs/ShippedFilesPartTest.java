package dev.mr.master.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.protocol.JobSpec.ShippedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master takes the submitter's word for nothing it stores: every file the spec lists must be
 * one the job's settings ship and arrive in a part of exactly its hash and size, and no part may
 * come unlisted; each refusal names what did not match.
 */
class ShippedFilesPartTest {

    @TempDir
    Path dir;

    @Test
    void theListedFilesMustBeTheSettingsFilesEachInAPartOfItsHashAndSize() throws Exception {
        Path lookup = Files.writeString(dir.resolve("upload-1"), "1\tone\n");
        Path lib = Files.writeString(dir.resolve("upload-2"), "PK...");
        Configuration conf = new Configuration().set(ConfKeys.JOB_FILES, "/home/ann/lookup.txt#lookup").set(ConfKeys.JOB_LIBJARS, "/home/ann/json.jar");
        ShippedFile f = new ShippedFile("lookup", JarStore.sha256(lookup), 6, "file");
        ShippedFile j = new ShippedFile("json.jar", JarStore.sha256(lib), 5, "libjar");

        assertEquals(Map.of(f.sha256(), lookup, j.sha256(), lib), ShippedFilesPart.check(List.of(f, j), conf, List.of(lookup, lib)));

        refused("the spec ships json.jar (SHA-256 " + j.sha256() + ") but no 'file' part has that content", List.of(f, j), conf, List.of(lookup));
        refused("the submission has 1 'file' part(s) that the spec's files do not list", List.of(f),
                new Configuration().set(ConfKeys.JOB_FILES, "/home/ann/lookup.txt#lookup"), List.of(lookup, lib));
        refused("the spec says lookup has 7 bytes, but its part has 6", List.of(new ShippedFile("lookup", f.sha256(), 7, "file"), j), conf,
                List.of(lookup, lib));
        refused("the spec's files [file lookup] are not the files the job's settings ship [file lookup, libjar json.jar]", List.of(f), conf,
                List.of(lookup));
        refused("the spec's files list ShippedFile[alias=lookup, sha256=ABC, size=6, kind=file]", List.of(new ShippedFile("lookup", "ABC", 6, "file")),
                conf, List.of(lookup));
        refused("the spec's files: 'pdf' is not a kind of shipped file", List.of(new ShippedFile("lookup", f.sha256(), 6, "pdf")), conf,
                List.of(lookup));
        refused("-libjars: dfs:/json.jar: only local jars go on the class path", List.of(), new Configuration().set(ConfKeys.JOB_LIBJARS, "dfs:/json.jar"),
                List.of());
    }

    private static void refused(String message, List<ShippedFile> listed, Configuration conf, List<Path> uploads) {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> ShippedFilesPart.check(listed, conf, uploads));
        if (!e.getMessage().startsWith(message)) throw new AssertionError("expected «" + message + "…», got «" + e.getMessage() + "»");
    }
}
