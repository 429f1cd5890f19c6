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
        FsPath file = c.attemptDir(attempt);
        for (String name : part.split("/")) file = file.child(name);
        try (var out = fs.create(file)) {
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
    void aCommitAskedAgainAfterItFinishedChangesNothing() throws Exception {
        // a master that stopped between a task's rename and journaling it asks the same commit again
        FileOutputCommitter c = committer();
        c.checkOutput(false);
        c.setupJob();
        writeAttempt(c, "j_r_000000_0", "part-r-00000", "first");
        c.commitTask("j_r_000000", "j_r_000000_0");
        c.commitTask("j_r_000000", "j_r_000000_0");
        c.commitJob();
        c.commitJob();
        assertEquals(List.of("_SUCCESS", "part-r-00000"), outputNames(), "committed once, one _SUCCESS");
        assertEquals("first", Files.readString(dir.resolve("out/part-r-00000")));
    }

    @Test
    void skippedRecordsReachTheOutputOnlyFromWinningAttempts() throws Exception {
        FileOutputCommitter c = committer();
        c.setupJob();
        // a reduce whose first attempt lost the commit, a map of the job (no task commit) and a map attempt that lost
        writeAttempt(c, "j_r_000000_0", "part-r-00000", "out 0");
        writeAttempt(c, "j_r_000000_0", "_skipped/part-r-00000", "k1\t3\n");
        writeAttempt(c, "j_r_000000_1", "_skipped/part-r-00000", "loser\t1\n");
        writeAttempt(c, "j_r_000001_0", "part-r-00001", "out 1");
        writeAttempt(c, "j_r_000001_0", "_skipped/part-r-00001", "k2\t1\n");
        writeAttempt(c, "j_m_000004_1", "_skipped/part-m-00004", "in.txt:120\tbad\n");
        writeAttempt(c, "j_m_000004_0", "_skipped/part-m-00004", "failed attempt\n");
        c.commitTask("j_r_000000", "j_r_000000_0");
        c.commitTask("j_r_000001", "j_r_000001_0");
        c.commitSkipped("j_m_000004_1");
        c.commitSkipped("j_m_000005_0"); // skipped nothing: no directory, nothing to do
        c.commitJob();
        assertEquals(List.of("_SUCCESS", "_skipped", "part-r-00000", "part-r-00001"), outputNames());
        try (Stream<Path> s = Files.list(dir.resolve("out/_skipped"))) {
            assertEquals(List.of("part-m-00004", "part-r-00000", "part-r-00001"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("k1\t3\n", Files.readString(dir.resolve("out/_skipped/part-r-00000")));
        assertEquals("in.txt:120\tbad\n", Files.readString(dir.resolve("out/_skipped/part-m-00004")));
        c.commitSkipped("j_m_000004_1");
        c.commitJob();
        assertEquals("in.txt:120\tbad\n", Files.readString(dir.resolve("out/_skipped/part-m-00004")), "a repeated job commit changes nothing");
    }

    @Test
    void aJobWithoutSkipsHasNoSkippedDirectory() throws Exception {
        FileOutputCommitter c = committer();
        c.setupJob();
        writeAttempt(c, "j_r_000000_0", "part-r-00000", "out");
        c.commitTask("j_r_000000", "j_r_000000_0");
        c.commitSkipped("j_m_000000_0");
        c.commitJob();
        assertEquals(List.of("_SUCCESS", "part-r-00000"), outputNames());
    }

    @Test
    void abortRemovesSkippedRecordsToo() throws Exception {
        FileOutputCommitter c = committer();
        c.setupJob();
        writeAttempt(c, "j_m_000000_0", "_skipped/part-m-00000", "x\n");
        c.commitSkipped("j_m_000000_0");
        c.abortJob();
        assertFalse(Files.exists(dir.resolve("out")));
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
