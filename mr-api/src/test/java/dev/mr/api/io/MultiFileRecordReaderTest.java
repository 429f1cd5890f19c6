package dev.mr.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The map task tells the mapper which file a record came from by asking this reader, and a
 * packed split may hold thousands of files: so the path must follow the records exactly, at
 * most one file may be open at a time, and every file's bytes count once.
 */
class MultiFileRecordReaderTest {

    /** A file whose records are its path's name repeated {@code records} times, one byte each. */
    private final class FakeReader implements RecordReader<String, Integer> {
        private final FileSplit file;
        private int read;

        FakeReader(FileSplit file) {
            this.file = file;
            opened.add(file.path());
            open++;
        }

        @Override
        public boolean next() {
            if (read == file.length()) return false;
            read++;
            return true;
        }

        @Override
        public String key() {
            return file.path();
        }

        @Override
        public Integer value() {
            return read;
        }

        @Override
        public long bytesRead() {
            return read;
        }

        @Override
        public void close() {
            open--;
        }
    }

    private final List<String> opened = new ArrayList<>();
    private int open;
    private int mostOpen;

    @Test
    void readsFileAfterFileWithThePathOfEachRecordAndOneFileOpenAtATime() throws Exception {
        MultiFileSplit split = new MultiFileSplit(List.of(new FileSplit("a", 0, 2, List.of()), new FileSplit("empty", 0, 0, List.of()),
                new FileSplit("b", 0, 1, List.of())), List.of());
        MultiFileRecordReader<String, Integer> r = new MultiFileRecordReader<>(split, FakeReader::new);
        assertEquals("a", r.currentPath(), "before the first record: the first file");
        List<String> seen = new ArrayList<>();
        while (r.next()) {
            mostOpen = Math.max(mostOpen, open);
            assertEquals(r.key(), r.currentPath());
            seen.add(r.currentPath() + ":" + r.value());
        }
        assertEquals(List.of("a:1", "a:2", "b:1"), seen);
        assertEquals("b", r.currentPath(), "after the last record: the last file");
        assertEquals(List.of("a", "empty", "b"), opened);
        assertEquals(1, mostOpen);
        assertEquals(0, open, "each file is closed once exhausted");
        assertEquals(3, r.bytesRead());
        assertFalse(r.next());
        r.close();
        assertEquals(0, open);
    }

    @Test
    void closingEarlyClosesTheOpenFileAndKeepsItsBytes() throws Exception {
        MultiFileSplit split = new MultiFileSplit(List.of(new FileSplit("a", 0, 3, List.of()), new FileSplit("b", 0, 3, List.of())), List.of());
        MultiFileRecordReader<String, Integer> r = new MultiFileRecordReader<>(split, FakeReader::new);
        assertTrue(r.next());
        assertTrue(r.next());
        r.close();
        assertEquals(0, open);
        assertEquals(2, r.bytesRead());
        assertEquals(List.of("a"), opened, "the next file is not opened before it is needed");
    }
}
