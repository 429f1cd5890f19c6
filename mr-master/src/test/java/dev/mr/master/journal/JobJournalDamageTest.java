package dev.mr.master.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.journal.FailStop;
import dev.mr.dfs.journal.FailingDisk;
import dev.mr.dfs.journal.FrameLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job journal never lies about what it acknowledged. Damaged every way a disk or a crash
 * damages a file (cut at every byte of its last two records, random bytes flipped, zeros
 * appended), a start either recovers exactly the records before the damage, dropping only a torn
 * last record, or refuses with a message naming the file and the offset; never another exception,
 * never a silent loss in the middle. And a write that fails stops the journal: that record and
 * every later one is refused, the master is told once, and a restart on a mended disk has
 * everything acknowledged before. The seed is printed on failure; {@code -Dmr.journal.fuzz.seed}
 * repeats a run.
 */
class JobJournalDamageTest {

    @TempDir
    Path tmp;

    private static final FailStop UNEXPECTED = (reason, cause) -> {
        throw new AssertionError("journal failed: " + reason, cause);
    };

    /** The records appended, in order, and the journal file they made. */
    private record Written(List<JournalRecord> records, byte[] bytes, List<Long> offsets) {}

    private Written write(Path dir) throws IOException {
        List<JournalRecord> records = new ArrayList<>();
        Map<String, Map<String, Long>> c = Map.of("Framework", Map.of("MAP_INPUT_RECORDS", 7L));
        try (JobJournal j = JobJournal.open(dir, UNEXPECTED)) {
            for (int n = 1; n <= 3; n++) {
                var job = JobJournalTest.job(n);
                j.submitted(job);
                records.add(new JournalRecord.Submitted(job));
                for (int m = 0; m < 4; m++) {
                    String a = String.format("%s_m_%06d_0", job.jobId(), m);
                    j.mapOutput(a, "w" + m, "http://w" + m, 10, 20, c);
                    records.add(new JournalRecord.MapOutput(a, "w" + m, "http://w" + m, 10, 20, c));
                }
                String r = job.jobId() + "_r_000000_0";
                j.commitStarted(r, "w1", 30, 40, c);
                records.add(new JournalRecord.CommitStarted(r, "w1", 30, 40, c));
                j.taskCommitted(r);
                records.add(new JournalRecord.TaskCommitted(r));
            }
            j.ended(JobJournalTest.ended(JobJournalTest.job(1)), JobJournalTest.job(1).spec());
            records.add(new JournalRecord.Ended(JobJournalTest.ended(JobJournalTest.job(1)), JobJournalTest.job(1).spec()));
        }
        Path file = dir.resolve(JobJournal.FILE);
        List<Long> offsets = new ArrayList<>();
        FrameLog.replayWhole(file, (offset, payload) -> offsets.add(offset));
        assertEquals(records.size(), offsets.size());
        return new Written(records, Files.readAllBytes(file), offsets);
    }

    /** What a journal holding the first {@code n} records recovers, folded independently of the file. */
    private static String expected(Written w, int n) {
        JobsOnRecord fold = new JobsOnRecord();
        for (JournalRecord r : w.records().subList(0, n)) fold.add(r);
        return fold.ended() + "|" + fold.unfinished() + "|" + fold.lastJobNumber();
    }

    /** Opens a journal over {@code bytes}: what it recovered, or the IOException it refused with. */
    private Object open(byte[] bytes, int caseNo) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("case-" + caseNo));
        Files.write(dir.resolve(JobJournal.FILE), bytes);
        try (JobJournal j = JobJournal.open(dir, UNEXPECTED)) {
            JobJournal.Recovered r = j.recovered();
            return r.ended() + "|" + r.unfinished() + "|" + r.lastJobNumber();
        } catch (IOException e) {
            return e;
        }
    }

    /** The index of the record whose frame holds byte {@code at}. */
    private static int recordAt(Written w, long at) {
        int i = 0;
        while (i + 1 < w.offsets().size() && w.offsets().get(i + 1) <= at) i++;
        return i;
    }

    @Test
    void everyDamageRecoversTheAcknowledgedPrefixOrRefusesNamingTheOffset() throws IOException {
        long seed = Long.getLong("mr.journal.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        Written w = write(Files.createDirectories(tmp.resolve("original")));
        int n = w.records().size();
        AtomicInteger cases = new AtomicInteger();
        try {
            // a crash mid-append: cut anywhere in the last two records
            for (long cut = w.offsets().get(n - 2); cut < w.bytes().length; cut++) {
                Object got = open(Arrays.copyOf(w.bytes(), (int) cut), cases.incrementAndGet());
                int kept = recordAt(w, cut); // the records wholly before the cut
                assertEquals(expected(w, kept), got, "cut at " + cut + " keeps the " + kept + " records before it");
            }
            // flipped bytes: in the last record a torn tail, anywhere before it a refusal
            for (int k = 0; k < 120; k++) {
                byte[] damaged = w.bytes().clone();
                int at = k % 2 == 0 ? random.nextInt(damaged.length) : (int) (w.offsets().get(n - 2) + random.nextInt(
                        (int) (damaged.length - w.offsets().get(n - 2))));
                damaged[at] ^= (byte) (1 + random.nextInt(255));
                int hit = recordAt(w, at);
                Object got = open(damaged, cases.incrementAndGet());
                if (hit == n - 1) {
                    assertEquals(expected(w, n - 1), got, "a flip at " + at + " tears only the last record");
                } else {
                    IOException e = assertRefused(got, "a flip at " + at + " in record " + hit);
                    assertTrue(e.getMessage().contains("offset " + w.offsets().get(hit)), e.getMessage());
                }
            }
            // zeros after the end (a file grown but not written): nothing is lost, nothing invented
            for (int zeros : new int[] {8, 100, 4096}) {
                Object got = open(Arrays.copyOf(w.bytes(), w.bytes().length + zeros), cases.incrementAndGet());
                assertEquals(expected(w, n), got, zeros + " zeros appended");
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (repeat with -Dmr.journal.fuzz.seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    private static IOException assertRefused(Object got, String what) {
        assertTrue(got instanceof IOException, what + " must refuse the start, got " + got);
        IOException e = (IOException) got;
        assertTrue(e.getMessage().contains(JobJournal.FILE) && e.getMessage().contains("offset"), e.getMessage());
        return e;
    }

    @Test
    void aFailedWriteStopsTheJournalAndARestartHasEverythingAcknowledged() throws Exception {
        FailingDisk disk = new FailingDisk();
        List<String> stops = new ArrayList<>();
        Path dir = tmp.resolve("failing");
        JobJournal j = JobJournal.open(dir, disk, (reason, cause) -> stops.add(reason));
        j.submitted(JobJournalTest.job(1));
        j.mapOutput("job_0001_m_000000_0", "w1", "http://w1", 1, 2, Map.of());
        j.resumed("job_0001", 1); // returns once on disk, with the map output queued before it

        disk.fail(FailingDisk.Failure.WRITE);
        IOException first = assertThrows(IOException.class, () -> j.submitted(JobJournalTest.job(2)));
        disk.fail(FailingDisk.Failure.NONE);
        IOException later = assertThrows(IOException.class, () -> j.submitted(JobJournalTest.job(3)));
        assertTrue(later.getMessage().contains("failed earlier") && later.getMessage().contains("refuses every change"), later.getMessage());
        assertEquals(1, stops.size(), "the master is told once: " + stops);
        assertTrue(stops.get(0).contains(JobJournal.FILE), stops.get(0));
        assertTrue(first.getMessage().contains(JobJournal.FILE), first.getMessage());
        j.close();

        try (JobJournal again = JobJournal.open(dir, UNEXPECTED)) {
            List<UnfinishedJob> jobs = again.recovered().unfinished();
            assertEquals("job_0001", jobs.get(0).jobId(), "everything acknowledged is there");
            assertEquals(1, jobs.get(0).done().size());
            assertTrue(jobs.size() == 1 || jobs.size() == 2 && jobs.get(1).jobId().equals("job_0002"),
                    "the refused record may or may not have reached the disk; never the one after it: " + jobs);
        }
    }
}
