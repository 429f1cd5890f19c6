package dev.mr.master.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job history on disk is what makes yesterday's job page whole after a restart: a file
 * reads back as written, also after the store is opened again; the bounds delete the oldest
 * files first (by their job's end, not by when they were written); and a file that is missing,
 * torn, altered or of another job gives the job's summary a note instead of failing the start
 * or the request.
 */
class HistoryStoreTest {

    static final long MB = 1 << 20;

    @TempDir
    Path tmp;

    Path dir() {
        return tmp.resolve("history");
    }

    HistoryStore open(int maxJobs, long maxBytes, int lastJobNumber) {
        return HistoryStore.open(dir(), new Retention(maxJobs, maxBytes), lastJobNumber);
    }

    @Test
    void aWrittenHistoryReadsBackEqualAlsoAfterTheStoreIsOpenedAgain() throws IOException {
        JobHistory h = Histories.job("job_0001", 50_000, 5);
        HistoryStore store = open(10, MB, 1);
        store.write(h);
        assertEquals(h, kept(store.read("job_0001")).history());
        assertEquals(List.of("job_0001.json.gz"), files(), "no temporary file is left");
        assertEquals(50_000, Files.getLastModifiedTime(dir().resolve("job_0001.json.gz")).toMillis(),
                "the file carries its job's end, which orders the files at the next start");

        HistoryStore again = open(10, MB, 1);
        assertEquals(1, again.jobs());
        assertEquals(h, kept(again.read("job_0001")).history());
    }

    @Test
    void beyondTheRetainedJobsTheJobsThatEndedFirstGoFirst() throws IOException {
        HistoryStore store = open(2, MB, 9);
        store.write(Histories.job("job_0001", 1_000_000, 2));
        store.write(Histories.job("job_0003", 3_000_000, 2));
        // a long job with an older id that ended in between: written last, but not the newest
        store.write(Histories.job("job_0002", 2_000_000, 2));
        assertEquals(List.of("job_0002.json.gz", "job_0003.json.gz"), files());
        assertInstanceOf(HistoryLookup.NotKept.class, store.read("job_0001"));

        store.write(Histories.job("job_0004", 4_000_000, 2));
        assertEquals(List.of("job_0003.json.gz", "job_0004.json.gz"), files());
        assertEquals(2, store.jobs());
    }

    @Test
    void beyondTheSizeCapTheOldestGoUntilTheRestFits() throws IOException {
        HistoryStore probe = open(10, MB, 9);
        probe.write(Histories.job("job_0001", 1_000, 200));
        long one = Files.size(dir().resolve("job_0001.json.gz"));
        Files.delete(dir().resolve("job_0001.json.gz"));

        HistoryStore store = open(10, one * 5 / 2, 9); // room for two of them
        for (int i = 1; i <= 4; i++) store.write(Histories.job("job_000" + i, i * 1_000, 200));
        assertEquals(List.of("job_0003.json.gz", "job_0004.json.gz"), files());
        assertTrue(store.bytes() <= one * 5 / 2, store.bytes() + " bytes kept");

        HistoryStore tiny = open(10, one / 2, 9);
        assertEquals(0, tiny.jobs(), "opened with a lower cap, the store deletes what no longer fits");
        tiny.write(Histories.job("job_0005", 5_000, 200));
        assertEquals(List.of(), files(), "a history larger than the whole cap is not kept");
        assertInstanceOf(HistoryLookup.NotKept.class, tiny.read("job_0005"));
    }

    @Test
    void openingDeletesCutShortWritesFilesOfJobsTheJournalNeverIssuedAndWhatIsBeyondLowerBounds() throws IOException {
        HistoryStore store = open(10, MB, 9);
        for (int i = 1; i <= 4; i++) store.write(Histories.job("job_000" + i, i * 1_000, 1));
        Files.writeString(dir().resolve("job_0005.json.gz.tmp"), "half a file");
        Files.writeString(dir().resolve("notes.txt"), "an operator's");

        HistoryStore again = open(2, MB, 3); // the journal's last job is job_0003: job_0004's file is another journal's
        assertEquals(List.of("job_0002.json.gz", "job_0003.json.gz", "notes.txt"), files());
        assertEquals(2, again.jobs());
    }

    @Test
    void aDamagedFileGivesANoteAndNeverAnException() throws IOException {
        JobHistory h = Histories.job("job_0001", 1_000, 20);
        Path file = dir().resolve("job_0001.json.gz");
        Random random = new Random(7);
        List<String> damages = List.of("truncated", "truncated trailer", "flipped byte", "empty", "zeros", "not gzip", "another job",
                "another version", "a task without a state");
        for (String damage : damages) {
            HistoryStore store = open(10, MB, 9);
            store.write(h);
            byte[] b = Files.readAllBytes(file);
            switch (damage) {
                case "truncated" -> Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
                case "truncated trailer" -> Files.write(file, java.util.Arrays.copyOf(b, b.length - 4));
                case "flipped byte" -> {
                    int at = 20 + random.nextInt(b.length - 40);
                    b[at] ^= 0x5a;
                    Files.write(file, b);
                }
                case "empty" -> Files.write(file, new byte[0]);
                case "zeros" -> Files.write(file, new byte[b.length]);
                case "not gzip" -> Files.writeString(file, "{\"format\": 1}");
                case "another job" -> Files.write(file, bytes(Histories.job("job_0002", 1_000, 1)));
                case "another version" -> {
                    JobHistory other = Histories.job("job_0001", 1_000, 1);
                    Files.write(file, bytes(new JobHistory(99, other.jobId(), 0, 1_000, 1, 1, other.tasks())));
                }
                case "a task without a state" -> Files.write(file, gzip("{\"format\": 1, \"jobId\": \"job_0001\", \"tasks\": [{\"taskId\": \"nonsense\"}]}"));
                default -> throw new AssertionError(damage);
            }
            HistoryLookup found = open(10, MB, 9).read("job_0001");
            HistoryLookup.NotKept note = assertInstanceOf(HistoryLookup.NotKept.class, found, damage);
            assertTrue(note.note().contains(file.toString()) && note.note().contains("damaged"), damage + ": " + note.note());
        }
    }

    @Test
    void aMissingFileOrAStoreThatCannotBeMadeGivesANoteThatSaysWhy() throws IOException {
        HistoryStore store = open(1000, MB, 9);
        HistoryLookup.NotKept never = assertInstanceOf(HistoryLookup.NotKept.class, store.read("job_0007"));
        assertTrue(never.note().contains("newest 1000 ended jobs") && never.note().contains("mr.master.retained.jobs"), never.note());

        store.write(Histories.job("job_0001", 1_000, 1));
        Files.delete(dir().resolve("job_0001.json.gz"));
        HistoryLookup.NotKept removed = assertInstanceOf(HistoryLookup.NotKept.class, store.read("job_0001"));
        assertTrue(removed.note().contains("was removed"), removed.note());

        Files.writeString(tmp.resolve("a-file"), "");
        HistoryStore off = HistoryStore.open(tmp.resolve("a-file").resolve("history"), new Retention(10, MB), 9);
        assertFalse(off.keeps());
        off.write(Histories.job("job_0001", 1_000, 1)); // nothing, and no exception
        HistoryLookup.NotKept why = assertInstanceOf(HistoryLookup.NotKept.class, off.read("job_0001"));
        assertTrue(why.note().contains("cannot be made"), why.note());

        store.write(Histories.job("job_0002", 2_000, 1));
        HistoryStore none = open(0, MB, 9);
        assertFalse(none.keeps());
        assertTrue(files().isEmpty(), "keeping no history, the store deletes what there was: " + files());
    }

    private static JobDetail kept(HistoryLookup l) {
        return assertInstanceOf(HistoryLookup.Kept.class, l, () -> l.toString()).detail();
    }

    private List<String> files() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir())) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        out.sort(null);
        return out;
    }

    static byte[] bytes(JobHistory h) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        HistoryFormat.write(h, out);
        return out.toByteArray();
    }

    static byte[] gzip(String s) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
