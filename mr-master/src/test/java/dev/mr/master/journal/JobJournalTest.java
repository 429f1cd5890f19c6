package dev.mr.master.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.master.jobs.EncodedSplit;
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
        try (JobJournal j = JobJournal.open(dir)) {
            j.submitted(job(1));
            j.submitted(job(2));
            j.ended(ended(job(1)), job(1).spec());
        }
        try (JobJournal j = JobJournal.open(dir)) {
            JobJournal.Recovered r = j.recovered();
            assertEquals(List.of(new JobJournal.EndedJob(ended(job(1)), job(1).spec())), r.ended());
            assertEquals(List.of(job(2)), r.interrupted());
            assertEquals(2, r.lastJobNumber());
        }
        try (JobJournal j = JobJournal.open(dir)) {
            assertEquals(List.of(job(2)), j.recovered().interrupted(), "the compacted log holds the same jobs");
            assertEquals(1, j.recovered().ended().size());
        }
    }

    @Test
    void aTornLastRecordIsDroppedWithAWarning() throws IOException {
        try (JobJournal j = JobJournal.open(dir)) {
            j.submitted(job(1));
            j.submitted(job(2));
        }
        Path log = dir.resolve(JobJournal.FILE);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(log) - 3);
        }
        try (JobJournal j = JobJournal.open(dir)) {
            assertEquals(List.of(job(1)), j.recovered().interrupted());
            assertTrue(j.recovered().warnings().get(0).contains("left by a crash mid-write"), j.recovered().warnings().toString());
        }
    }

    @Test
    void damageBeforeTheEndStopsTheStart() throws IOException {
        try (JobJournal j = JobJournal.open(dir)) {
            j.submitted(job(1));
            j.submitted(job(2));
        }
        Path log = dir.resolve(JobJournal.FILE);
        byte[] data = Files.readAllBytes(log);
        data[20] ^= 0x10;
        Files.write(log, data);
        IOException e = assertThrows(IOException.class, () -> JobJournal.open(dir));
        assertTrue(e.getMessage().contains("damaged at offset 0"), e.getMessage());
    }
}
