package dev.mr.master.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.EncodedSplit;
import dev.mr.dfs.journal.FailStop;
import dev.mr.master.jobs.JobRecord;
import dev.mr.protocol.JobView;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job journal is what the job list and the id counter survive a restart with: records
 * read back as written, a crash mid-append loses only the unacknowledged last record, damage
 * before the end stops the start instead of silently losing jobs, and reopening compacts the
 * log to one record per job.
 */
class JobJournalTest {

    @TempDir
    Path dir;

    static final FailStop NO_FAILURE = (reason, cause) -> {
        throw new AssertionError("journal failed: " + reason, cause);
    };

    static List<JobRecord> unfinished(JobJournal.Recovered r) {
        return r.unfinished().stream().map(UnfinishedJob::record).toList();
    }

    static JobRecord job(int n) {
        return new JobRecord(String.format("job_%04d", n), 1000 + n, "wc", "/in", "dfs:/out" + n, "mr-submit ...",
                Map.of("mr.mapper.class", "M"), "ab12", 1, List.of(new EncodedSplit("AQID", "/in/a", 10, List.of("h:1"))), "alice");
    }

    static JobView ended(JobRecord r) {
        return new JobView(r.jobId(), r.name(), "SUCCEEDED", "SUCCEEDED", r.submitTime(), 2000, 1, 1, 1, 1, 1.0, 1.0, r.input(),
                r.output(), Map.of("task", Map.of("MAP_INPUT_RECORDS", 5L)), null, r.command(), r.owner());
    }

    @Test
    void recordsReadBackAndReopeningCompacts() throws IOException {
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.submitted(job(2));
            j.ended(ended(job(1)), job(1).spec());
        }
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            JobJournal.Recovered r = j.recovered();
            assertEquals(List.of(new JobJournal.EndedJob(ended(job(1)), job(1).spec())), r.ended());
            assertEquals(List.of(job(2)), unfinished(r));
            assertEquals(2, r.lastJobNumber());
        }
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            assertEquals(List.of(job(2)), unfinished(j.recovered()), "the compacted log holds the same jobs");
            assertEquals(1, j.recovered().ended().size());
        }
    }

    /**
     * The journal keeps each job's settings as given, store credentials included, so that a
     * restarted master resumes the job with them: its directory is its user's alone, made so at
     * every open, an older or looser one included, and the credential comes back whole.
     */
    @Test
    void theJournalKeepsCredentialsInADirectoryOnlyItsUserOpens() throws IOException {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        JobRecord withSecret = new JobRecord("job_0001", 1, "s3", "s3a://b/in", "s3a://b/out", "mr-submit ...",
                Map.of("mr.mapper.class", "M", "fs.s3a.secret.key", "s3cr3t-9"), "ab12", 1, List.of(), "alice");
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(withSecret);
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            assertEquals("s3cr3t-9", unfinished(j.recovered()).get(0).conf().get("fs.s3a.secret.key"));
        }
    }

    @Test
    void aTornLastRecordIsDroppedWithAWarning() throws IOException {
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.submitted(job(2));
        }
        Path log = dir.resolve(JobJournal.FILE);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(log) - 3);
        }
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            assertEquals(List.of(job(1)), unfinished(j.recovered()));
            assertTrue(j.recovered().warnings().get(0).contains("left by a crash mid-write"), j.recovered().warnings().toString());
        }
    }

    @Test
    void damageBeforeTheEndStopsTheStart() throws IOException {
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.submitted(job(2));
        }
        Path log = dir.resolve(JobJournal.FILE);
        byte[] data = Files.readAllBytes(log);
        data[20] ^= 0x10;
        Files.write(log, data);
        IOException e = assertThrows(IOException.class, () -> JobJournal.open(dir, NO_FAILURE));
        assertTrue(e.getMessage().contains("damaged at offset 0"), e.getMessage());
    }

    @Test
    void anUnfinishedJobComesBackWithWhatItsTasksAchieved() throws IOException {
        Map<String, Map<String, Long>> c = Map.of("task", Map.of("MAP_INPUT_RECORDS", 5L));
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.mapOutput("job_0001_m_000000_0", "w1", "http://w1", 1, 2, c);
            j.mapOutput("job_0001_m_000001_0", "w1", "http://w1", 1, 3, c);
            j.mapOutputLost("job_0001_m_000001_0");
            j.mapOutput("job_0001_m_000001_1", "w2", "http://w2", 4, 5, c);
            j.commitStarted("job_0001_r_000000_0", "w2", 6, 7, c);
            j.taskCommitted("job_0001_r_000000_0");
            j.commitStarted("job_0001_r_000001_2", "w1", 6, 8, c);
            j.killRequested("job_0001");
            j.resumed("job_0001", 1);
            j.mapOutput("job_0009_m_000000_0", "w1", "http://w1", 1, 2, c); // a job the journal does not hold: no effect
        }
        for (int round = 0; round < 2; round++) { // and again from the compacted log
            try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
                UnfinishedJob u = j.recovered().unfinished().get(0);
                assertEquals(1, u.resumptions());
                assertTrue(u.killRequested());
                assertEquals(List.of(
                        new UnfinishedJob.Done("job_0001_m_000000_0", UnfinishedJob.Stage.MAP_OUTPUT, "w1", "http://w1", 1, 2, c),
                        new UnfinishedJob.Done("job_0001_m_000001_1", UnfinishedJob.Stage.MAP_OUTPUT, "w2", "http://w2", 4, 5, c),
                        new UnfinishedJob.Done("job_0001_r_000000_0", UnfinishedJob.Stage.COMMITTED, "w2", null, 6, 7, c),
                        new UnfinishedJob.Done("job_0001_r_000001_2", UnfinishedJob.Stage.COMMITTING, "w1", null, 6, 8, c)),
                        u.done().stream().sorted(java.util.Comparator.comparing(UnfinishedJob.Done::attempt)).toList());
            }
        }
    }

    @Test
    void anAbortInFlightComesBackAsDecided() throws IOException {
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.aborting("job_0001", "KILLED", "killed on request");
        }
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            UnfinishedJob u = j.recovered().unfinished().get(0);
            assertEquals("KILLED", u.abortState());
            assertEquals("killed on request", u.abortDiagnostics());
        }
    }

    @Test
    void recordsAfterAJobsEndChangeNothing() throws IOException {
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.ended(ended(job(1)), job(1).spec());
            j.mapOutput("job_0001_m_000000_0", "w1", "http://w1", 1, 2, Map.of());
            j.killRequested("job_0001");
        }
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            assertTrue(j.recovered().unfinished().isEmpty());
            assertEquals(1, j.recovered().ended().size());
        }
    }

    @Test
    void launchedAttemptsComeBackUntilTheirTaskSettles() throws IOException {
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.launched("job_0001_m_000000_0", "w1", "http://w1", 5);
            j.launched("job_0001_m_000000_1", "w2", "http://w2", 6);
            j.launched("job_0001_r_000000_0", "w2", "http://w2", 7);
            j.mapOutput("job_0001_m_000000_1", "w2", "http://w2", 6, 9, Map.of());
        }
        for (int round = 0; round < 2; round++) {
            try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
                assertEquals(List.of(
                        new UnfinishedJob.Done("job_0001_m_000000_1", UnfinishedJob.Stage.MAP_OUTPUT, "w2", "http://w2", 6, 9, Map.of()),
                        new UnfinishedJob.Done("job_0001_r_000000_0", UnfinishedJob.Stage.RUNNING, "w2", "http://w2", 7, -1, null)),
                        j.recovered().unfinished().get(0).done(), "the map's losing attempt no longer matters; the reduce may still run");
            }
        }
    }

    @Test
    void failedAttemptsComeBackInOrderAndAFailedCommitUnsettlesItsTask() throws IOException {
        try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
            j.submitted(job(1));
            j.launched("job_0001_r_000000_0", "w1", "http://w1", 5);
            j.failed("job_0001_r_000000_0", "w1", 5, 6, "boom");
            j.commitStarted("job_0001_r_000000_1", "w2", 7, 8, Map.of());
            j.failed("job_0001_r_000000_1", "w2", 7, 9, "commit failed: rename refused");
        }
        for (int round = 0; round < 2; round++) {
            try (JobJournal j = JobJournal.open(dir, NO_FAILURE)) {
                UnfinishedJob u = j.recovered().unfinished().get(0);
                assertEquals(List.of(), u.done(), "nothing settled, nothing running");
                assertEquals(List.of(new UnfinishedJob.Failure("job_0001_r_000000_0", "w1", 5, 6, "boom"),
                        new UnfinishedJob.Failure("job_0001_r_000000_1", "w2", 7, 9, "commit failed: rename refused")), u.failures());
            }
        }
    }

    /** Runs 200 jobs through a journal compacting from {@code limit} bytes on; returns the log's largest size. */
    private long twoHundredJobs(Path in, long limit) throws IOException {
        long largest = 0;
        try (JobJournal j = JobJournal.open(in, dev.mr.dfs.journal.FrameLog.FILES, NO_FAILURE, limit)) {
            for (int n = 1; n <= 200; n++) {
                j.submitted(job(n));
                for (int m = 0; m < 5; m++) j.launched(String.format("job_%04d_m_%06d_0", n, m), "w1", "http://w1", 1);
                if (n % 2 == 1) j.ended(ended(job(n)), job(n).spec());
                largest = Math.max(largest, Files.size(in.resolve(JobJournal.FILE)));
            }
        }
        return largest;
    }

    @Test
    void aRunningMasterCompactsItsLogSoItDoesNotGrowWithEveryJobEver() throws IOException {
        long uncompacted = twoHundredJobs(dir.resolve("never"), Long.MAX_VALUE);
        long largest = twoHundredJobs(dir.resolve("compacting"), 16 << 10);
        long compacted;
        try (JobJournal j = JobJournal.open(dir.resolve("compacting"), NO_FAILURE)) {
            compacted = Files.size(dir.resolve("compacting").resolve(JobJournal.FILE));
            JobJournal.Recovered r = j.recovered();
            assertEquals(100, r.ended().size());
            assertEquals(100, r.unfinished().size());
            assertEquals(ended(job(199)), r.ended().get(99).view());
            assertEquals(5, r.unfinished().get(99).done().size(), "job 200's launches survive the compactions");
            assertEquals(200, r.lastJobNumber());
        }
        assertTrue(largest <= 2 * compacted + (8 << 10), "within twice what it says, plus a batch: " + largest + " > 2 x " + compacted);
        assertTrue(largest < uncompacted, "smaller than the log of every record ever: " + largest + " vs " + uncompacted);
    }
}
