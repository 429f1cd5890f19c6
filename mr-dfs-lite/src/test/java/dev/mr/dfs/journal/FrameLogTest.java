package dev.mr.dfs.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both journals stand on this log, so its two promises are proved here on raw records: a
 * restart gives back every acknowledged record or refuses with an actionable message (only a
 * torn tail, with nothing valid after it, is dropped, and zero-filled space is never a record);
 * and a failed write stops the log for good, telling the FailStop once.
 */
class FrameLogTest {

    @TempDir
    Path dir;

    final List<String> stops = new ArrayList<>();
    final FailStop recording = (reason, cause) -> stops.add(reason);

    static byte[] rec(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Path logOf(String... records) throws IOException {
        Path f = dir.resolve("test.log");
        try (FrameLog log = FrameLog.open(f, recording)) {
            for (String r : records) log.append(rec(r));
        }
        return f;
    }

    static List<String> replay(Path f, List<FrameLog.Replayed> out) throws IOException {
        List<String> got = new ArrayList<>();
        out.add(FrameLog.replay(f, (at, p) -> got.add(new String(p, StandardCharsets.UTF_8))));
        return got;
    }

    @Test
    void eightZeroBytesAtTheTailAreDroppedNotReadAsAnEmptyRecord() throws IOException {
        Path f = logOf("{\"a\":1}", "{\"b\":2}");
        long size = Files.size(f);
        Files.write(f, new byte[8], StandardOpenOption.APPEND);
        List<FrameLog.Replayed> r = new ArrayList<>();
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), replay(f, r));
        assertEquals(8, r.get(0).droppedBytes());
        assertTrue(r.get(0).warning().contains(f.toString()) && r.get(0).warning().contains("offset " + size), r.get(0).warning());
        assertEquals(size, Files.size(f), "the tail is cut off, so appends do not follow it");
    }

    @Test
    void zerosAndGarbageAfterTheLastRecordAreATornTail() throws IOException {
        Path f = logOf("one", "two");
        long size = Files.size(f);
        byte[] junk = new byte[(1 << 20) + 4096];
        new Random(7).nextBytes(junk);
        java.util.Arrays.fill(junk, 0, 1 << 20, (byte) 0); // a megabyte of zeros, then random bytes
        Files.write(f, junk, StandardOpenOption.APPEND);
        List<FrameLog.Replayed> r = new ArrayList<>();
        assertEquals(List.of("one", "two"), replay(f, r));
        assertEquals(junk.length, r.get(0).droppedBytes());
        assertEquals(size, Files.size(f));
    }

    @Test
    void damageWithAValidRecordAfterItRefusesAndSaysWhereAndWhatToDo() throws IOException {
        Path f = logOf("first", "second", "third");
        long second = Frames.HEADER + 5;
        long third = second + Frames.HEADER + 6;
        byte[] bytes = Files.readAllBytes(f);
        bytes[(int) second + Frames.HEADER + 2] ^= 0x20; // inside the second record's payload
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> FrameLog.replay(f, (at, p) -> { }));
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()), m);
        assertTrue(m.contains("damaged at offset " + second), m);
        assertTrue(m.contains("valid record at offset " + third), m);
        assertTrue(m.contains("truncate -s " + second + " " + f), m);
        assertTrue(m.contains("backup"), m);
        assertArrayEquals(bytes, Files.readAllBytes(f), "a refused log is left as it was");
    }

    @Test
    void aTornRecordIsCutOffAndLaterAppendsReadBack() throws IOException {
        Path f = logOf("kept", "torn record");
        try (var ch = java.nio.channels.FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        List<FrameLog.Replayed> r = new ArrayList<>();
        assertEquals(List.of("kept"), replay(f, r));
        assertEquals(Frames.HEADER + 4, r.get(0).size());
        try (FrameLog log = FrameLog.open(f, recording)) {
            log.append(rec("after"));
        }
        assertEquals(List.of("kept", "after"), replay(f, r));
        assertNull(r.get(1).warning());
    }

    @Test
    void aBatchIsOneWriteAndOneForce() throws IOException {
        FailingDisk disk = new FailingDisk();
        Path f = dir.resolve("batch.log");
        try (FrameLog log = FrameLog.open(f, disk, recording)) {
            log.append(List.of(rec("a"), rec("b"), rec("c")));
            log.append(rec("d"));
            assertEquals(2, disk.forces());
            assertEquals(Files.size(f), log.size());
        }
        assertEquals(List.of("a", "b", "c", "d"), replay(f, new ArrayList<>()));
    }

    @Test
    void anEmptyOrOversizedRecordIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path f = dir.resolve("limits.log");
        try (FrameLog log = FrameLog.open(f, recording)) {
            assertThrows(IllegalArgumentException.class, () -> log.append(new byte[0]));
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Frames.checkPayload(Frames.MAX_PAYLOAD + 1));
            assertTrue(big.getMessage().contains("larger than the limit"), big.getMessage());
            log.append(rec("fine"));
            assertEquals(0, Files.size(f) - log.size());
        }
        assertEquals(List.of("fine"), replay(f, new ArrayList<>()));
        assertEquals(List.of(), stops);
    }

    @ParameterizedTest
    @EnumSource(value = FailingDisk.Failure.class, names = {"WRITE", "SHORT_WRITE", "FORCE"})
    void aFailedWriteStopsTheLogForGoodAndCallsTheFailStopOnce(FailingDisk.Failure failure) throws IOException {
        FailingDisk disk = new FailingDisk();
        Path f = dir.resolve("failing.log");
        try (FrameLog log = FrameLog.open(f, disk, recording)) {
            log.append(rec("acknowledged"));
            disk.fail(failure);
            IOException first = assertThrows(IOException.class, () -> log.append(rec("refused")));
            assertTrue(first.getMessage().contains(f.toString()), first.getMessage());
            Throwable cause = first.getCause();
            disk.fail(FailingDisk.Failure.NONE); // the disk recovers; the log stays failed
            IOException later = assertThrows(IOException.class, () -> log.append(rec("also refused")));
            assertTrue(later.getMessage().contains(f.toString()) && later.getMessage().contains("failed earlier"), later.getMessage());
            assertSame(cause, later.getCause(), "later refusals carry the original cause");
            assertTrue(log.failed());
            assertEquals(1, stops.size(), "the FailStop is called exactly once: " + stops);
            assertTrue(stops.get(0).contains(f.toString()), stops.get(0));
        }
        List<String> back = replay(f, new ArrayList<>());
        assertEquals("acknowledged", back.get(0));
        // a failed force may leave the refused record on disk; it was never acknowledged, so either is right
        assertTrue(back.equals(List.of("acknowledged")) || (failure == FailingDisk.Failure.FORCE && back.equals(List.of("acknowledged", "refused"))),
                back.toString());
    }
}
