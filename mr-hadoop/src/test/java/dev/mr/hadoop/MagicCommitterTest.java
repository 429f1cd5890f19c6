package dev.mr.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.FileOutputCommitter;
import dev.mr.api.io.OutputCommitter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.fs.s3a.commit.impl.CommitOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The s3a: committer against a real S3 endpoint: an attempt's files never appear under their names
 * before the job commit, only the committed attempt's do after it, a repeated commit changes
 * nothing, and an aborted job leaves neither files nor pending uploads behind.
 */
class MagicCommitterTest {

    private static S3Server s3;
    private FileSystems fss;
    private FileSystem fs;
    private FsPath out;
    private OutputCommitter c;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start("bucket");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @BeforeEach
    void open(TestInfo test) throws IOException {
        fss = new FileSystems(s3.conf());
        out = fss.resolve("s3a://bucket/" + test.getTestMethod().orElseThrow().getName() + "/out");
        fs = fss.get(out);
        c = fs.outputCommitter(out);
        c.checkOutput(false);
        c.setupJob();
    }

    @AfterEach
    void close() throws IOException {
        fss.close();
    }

    private void write(String attempt, String name, String text) throws IOException {
        try (OutputStream o = fs.create(c.attemptDir(attempt).child(name))) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String read(FsPath p) throws IOException {
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> names(FsPath dir) throws IOException {
        return fs.list(dir).stream().map(s -> s.path().name()).toList();
    }

    private int pendingUploads() throws IOException {
        var s3a = (S3AFileSystem) ((HadoopFileSystem) fs).client(out);
        return new CommitOperations(s3a).listPendingUploadsUnderPath(((HadoopFileSystem) fs).hadoopPath(out)).size();
    }

    @Test
    void s3aOutputIsCommittedWithoutARename() {
        assertInstanceOf(MagicCommitter.class, c);
        assertEquals(out.child("__magic_job-job_0007").child("job_0007_r_000003_1").child("__base"), c.attemptDir("job_0007_r_000003_1"));
    }

    @Test
    void aBucketWithTheMagicCommitterOffIsRefusedNamingTheSetting() throws IOException {
        try (FileSystems off = new FileSystems(s3.conf().set("fs.s3a.committer.magic.enabled", "false"))) {
            FsPath o = off.resolve("s3a://bucket/magic-off/out");
            var e = assertThrows(dev.mr.api.InvalidJobException.class, () -> off.get(o).outputCommitter(o).setupJob());
            assertTrue(e.getMessage().contains("fs.s3a.committer.magic.enabled=false") && e.getMessage().contains(o.toString()), e.getMessage());
        }
    }

    @Test
    void onlyTheCommittedAttemptsFilesAppearAndOnlyAtTheJobCommit() throws IOException {
        write("job_0001_r_000000_0", "part-r-00000", "loser\n");
        write("job_0001_r_000000_1", "part-r-00000", "winner\n");
        write("job_0001_r_000001_0", "part-r-00001", "one\n");
        c.commitTask("job_0001_r_000000", "job_0001_r_000000_1");
        c.commitTask("job_0001_r_000001", "job_0001_r_000001_0");
        assertEquals(List.of("__magic_job-job_0001"), names(out), "before the job commit only the work directory is there");
        assertFalse(fs.exists(out.child("part-r-00000")));
        assertEquals(3, pendingUploads(), "each closed file waits in an upload");
        c.commitJob();
        assertEquals(List.of("_SUCCESS", "part-r-00000", "part-r-00001"), names(out));
        assertEquals("winner\n", read(out.child("part-r-00000")));
        assertEquals("one\n", read(out.child("part-r-00001")));
        assertEquals(0, pendingUploads(), "the losing attempt's upload is aborted");
        long success = fs.status(out.child("_SUCCESS")).modifiedMillis();
        for (FileStatus part : fs.list(out)) assertTrue(part.modifiedMillis() <= success, "_SUCCESS is written last");

        c.commitJob(); // a master restarted mid-commit commits again
        assertEquals(List.of("_SUCCESS", "part-r-00000", "part-r-00001"), names(out));
        assertEquals("winner\n", read(out.child("part-r-00000")));
    }

    @Test
    void aTaskCommittedTwiceByItsAttemptStaysCommittedAndRefusesAnother() throws IOException {
        write("job_0002_r_000000_0", "part-r-00000", "first\n");
        write("job_0002_r_000000_1", "part-r-00000", "second\n");
        c.commitTask("job_0002_r_000000", "job_0002_r_000000_0");
        c.commitTask("job_0002_r_000000", "job_0002_r_000000_0");
        IOException e = assertThrows(IOException.class, () -> c.commitTask("job_0002_r_000000", "job_0002_r_000000_1"));
        assertTrue(e.getMessage().contains("already committed by attempt job_0002_r_000000_0"), e.getMessage());
        c.commitJob();
        assertEquals("first\n", read(out.child("part-r-00000")));
    }

    @Test
    void aRepeatedJobCommitAfterSomeUploadsCompletedFinishesTheRest() throws IOException {
        write("job_0003_r_000000_0", "part-r-00000", "zero\n");
        write("job_0003_r_000001_0", "part-r-00001", "one\n");
        c.commitTask("job_0003_r_000000", "job_0003_r_000000_0");
        c.commitTask("job_0003_r_000001", "job_0003_r_000001_0");
        // the master stopped after completing the first task's upload: do just that, as its commit did
        OutputCommitter first = fs.outputCommitter(out);
        first.commitSkipped("job_0003_r_000000_0"); // nothing skipped: no effect
        var s3a = (S3AFileSystem) ((HadoopFileSystem) fs).client(out);
        var ops = new CommitOperations(s3a);
        var set = org.apache.hadoop.fs.s3a.commit.files.PendingSet.load(s3a,
                ((HadoopFileSystem) fs).hadoopPath(out.child("__magic_job-job_0003").child("job_0003_r_000000_0.pendingset")), null);
        ops.commitOrFail(set.getCommits().get(0));
        assertEquals("zero\n", read(out.child("part-r-00000")));
        assertFalse(fs.exists(out.child("_SUCCESS")));

        c.commitJob();
        assertEquals(List.of("_SUCCESS", "part-r-00000", "part-r-00001"), names(out));
        assertEquals("one\n", read(out.child("part-r-00001")));
    }

    @Test
    void skippedRecordsOfAWinningMapReachTheOutputsSkippedDirectory() throws IOException {
        String map = "job_0004_m_000002_1";
        try (OutputStream o = fs.create(c.skippedFile(map, true, 2))) {
            o.write("7\tbad record\n".getBytes(StandardCharsets.UTF_8));
        }
        write("job_0004_r_000000_0", "part-r-00000", "r\n");
        c.commitTask("job_0004_r_000000", "job_0004_r_000000_0");
        c.commitSkipped(map);
        c.commitJob();
        assertEquals(List.of("_SUCCESS", "_skipped", "part-r-00000"), names(out));
        assertEquals("7\tbad record\n", read(out.child("_skipped").child(FileOutputCommitter.partName(true, 2))));
    }

    @Test
    void anAbortedJobLeavesNoFilesAndNoPendingUploads() throws IOException {
        write("job_0005_r_000000_0", "part-r-00000", "a\n");
        write("job_0005_r_000001_0", "part-r-00001", "b\n");
        c.commitTask("job_0005_r_000000", "job_0005_r_000000_0");
        c.abortJob();
        assertFalse(fs.exists(out), "nothing is left under " + out);
        assertEquals(0, pendingUploads());
    }

    @Test
    void anAbortLeavesTheUploadsOfAnOutputWhoseNameStartsTheSame() throws IOException {
        FsPath sibling = out.parent().child("out2");
        OutputCommitter other = fs.outputCommitter(sibling);
        try (OutputStream o = fs.create(other.attemptDir("job_0009_r_000000_0").child("part-r-00000"))) {
            o.write("other job\n".getBytes(StandardCharsets.UTF_8));
        }
        write("job_0008_r_000000_0", "part-r-00000", "a\n");
        c.abortJob();
        other.commitTask("job_0009_r_000000", "job_0009_r_000000_0");
        other.commitJob();
        assertEquals("other job\n", read(sibling.child("part-r-00000")));
    }

    @Test
    void anAbortedAttemptLeavesNothing() throws IOException {
        write("job_0006_r_000000_0", "part-r-00000", "a\n");
        c.abortTask("job_0006_r_000000_0");
        assertEquals(0, pendingUploads());
        assertFalse(fs.exists(c.attemptDir("job_0006_r_000000_0")));
    }
}
