package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.LocalFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output must appear all at once or not at all: exactly one attempt per task commits, the
 * job's files appear with _SUCCESS only after job commit, an aborted job leaves no part
 * files, and an existing output is refused unless overwriting is asked for.
 */
class FileOutputCommitterTest {

    @TempDir
    Path dir;

    private final LocalFileSystem fs = new LocalFileSystem(new Configuration());

    private FileOutputCommitter committer() {
        return new FileOutputCommitter(fs, FsPath.parse(dir.resolve("out").toString(), "file"));
    }

    private void writeAttempt(FileOutputCommitter c, String attempt, String part, String text) throws IOException {
        try (var out = fs.create(c.attemptDir(attempt).child(part))) {
            out.write(text.getBytes());
        }
    }

    private List<String> outputNames() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void onlyTheFirstAttemptOfATaskCommitsAndOutputAppearsAtJobCommit() throws Exception {
        FileOutputCommitter c = committer();
        c.checkOutput(false);
        c.setupJob();
        writeAttempt(c, "j_r_000000_0", "part-r-00000", "first");
        writeAttempt(c, "j_r_000000_1", "part-r-00000", "second");
        writeAttempt(c, "j_r_000001_0", "part-r-00001", "other");
        c.commitTask("j_r_000000", "j_r_000000_0");
        assertThrows(IOException.class, () -> c.commitTask("j_r_000000", "j_r_000000_1"));
        c.commitTask("j_r_000001", "j_r_000001_0");
        assertEquals(List.of("_temporary"), outputNames());
        c.commitJob();
        assertEquals(List.of("_SUCCESS", "part-r-00000", "part-r-00001"), outputNames());
        assertEquals("first", Files.readString(dir.resolve("out/part-r-00000")));
        c.commitJob();
        assertEquals(List.of("_SUCCESS", "part-r-00000", "part-r-00001"), outputNames());
    }

    @Test
    void abortLeavesNothing() throws Exception {
        FileOutputCommitter c = committer();
        c.setupJob();
        writeAttempt(c, "j_r_000000_0", "part-r-00000", "x");
        c.commitTask("j_r_000000", "j_r_000000_0");
        c.abortJob();
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void existingOutputIsRefusedUnlessOverwriting() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/keep"), "data");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> committer().checkOutput(false));
        assertEquals("output file:" + dir.resolve("out") + " already exists; remove it or set mr.output.overwrite=true", e.getMessage());
        assertTrue(Files.exists(dir.resolve("out/keep")));
        committer().checkOutput(true);
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
