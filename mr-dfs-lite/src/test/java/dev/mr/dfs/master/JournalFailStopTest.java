package dev.mr.dfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.journal.FailStop;
import dev.mr.dfs.journal.FailingDisk;
import dev.mr.dfs.journal.FrameLog;
import dev.mr.dfs.journal.Journal;
import dev.mr.dfs.protocol.CreateRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A master that cannot journal must stop rather than answer changes the disk does not hold (a
 * full disk once let the job journal carry on, and a restart then refused). With a disk that
 * fails on demand: the change in flight and every later one are refused, the FailStop hears of
 * it exactly once, and a restart on a healthy disk has everything acknowledged before.
 */
class JournalFailStopTest {

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(1_000);
    final List<String> stops = new ArrayList<>();
    final List<Throwable> causes = new ArrayList<>();
    final FailStop recording = (reason, cause) -> {
        stops.add(reason);
        causes.add(cause);
    };

    DfsMetadata open(FailingDisk disk, int checkpointEvery) throws IOException {
        DfsSettings settings = DfsSettings.from(new Configuration().setInt(DfsSettings.CHECKPOINT_EVERY, checkpointEvery));
        return DfsMetadata.open(new Journal(dir.resolve("journal"), recording, disk, 1 << 20), settings, clock::get, 1);
    }

    @ParameterizedTest
    @EnumSource(value = FailingDisk.Failure.class, names = {"WRITE", "SHORT_WRITE", "FORCE"})
    void aFailedAppendRefusesThatChangeAndEveryLaterOneAndLosesNothingAcknowledged(FailingDisk.Failure failure) throws IOException {
        FailingDisk disk = new FailingDisk();
        try (DfsMetadata m = open(disk, 10_000)) {
            m.mkdirs("/kept/a");
            m.create(new CreateRequest("/kept/file", 1, 0, "w1"));
            disk.fail(failure);
            StoreException refused = assertThrows(StoreException.class, () -> m.mkdirs("/lost"));
            assertEquals(Problem.UNAVAILABLE, refused.problem());
            assertEquals(1, stops.size(), "the FailStop is called once: " + stops);
            assertTrue(stops.get(0).contains("log-"), "the reason names the journal file: " + stops.get(0));
            assertInstanceOf(IOException.class, causes.get(0));
            disk.fail(FailingDisk.Failure.NONE); // space freed: the master stays stopped until restarted
            assertEquals(Problem.UNAVAILABLE, assertThrows(StoreException.class, () -> m.mkdirs("/later")).problem());
            assertEquals(Problem.UNAVAILABLE, assertThrows(StoreException.class, () -> m.create(new CreateRequest("/later2", 1, 0, "w1"))).problem());
            assertEquals(1, stops.size(), "still once: " + stops);
        }
        try (DfsMetadata m = open(new FailingDisk(), 10_000)) {
            assertNotNull(m.namespace.lookup("/kept/a"));
            assertNotNull(m.namespace.lookup("/kept/file"));
            assertNull(m.namespace.lookup("/later"));
            if (failure != FailingDisk.Failure.FORCE) assertNull(m.namespace.lookup("/lost"), "never written whole, so never replayed");
            // a failed force may have left /lost on disk: it was refused, never acknowledged, so either is right
            m.mkdirs("/after");
            assertNotNull(m.namespace.lookup("/after"));
        }
        assertEquals(1, stops.size());
    }

    @Test
    void aFailedCheckpointStopsTheMasterButKeepsTheChangeThatTriggeredIt() throws IOException {
        FailingDisk disk = new FailingDisk();
        try (DfsMetadata m = open(disk, 3)) {
            m.mkdirs("/one");
            m.mkdirs("/two");
            disk.fail(FailingDisk.Failure.WRITE, p -> p.getFileName().toString().startsWith("checkpoint"));
            m.mkdirs("/three"); // journaled, then the checkpoint it triggers fails
            assertEquals(1, stops.size(), "the FailStop is called once: " + stops);
            assertTrue(stops.get(0).contains("checkpoint"), stops.get(0));
            disk.fail(FailingDisk.Failure.NONE);
            assertEquals(Problem.UNAVAILABLE, assertThrows(StoreException.class, () -> m.mkdirs("/four")).problem());
        }
        try (DfsMetadata m = open(new FailingDisk(), 3)) {
            for (String p : List.of("/one", "/two", "/three")) assertNotNull(m.namespace.lookup(p), p);
            assertNull(m.namespace.lookup("/four"));
        }
        assertEquals(1, stops.size());
    }

    @Test
    void theDefaultChannelsAreRealFiles() throws IOException {
        // the seam the tests use is the production one with nothing injected
        Path f = dir.resolve("plain.log");
        try (FrameLog log = FrameLog.open(f, FrameLog.FILES, recording)) {
            log.append(new byte[] {1});
        }
        assertEquals(1, FrameLog.replay(f, (at, p) -> { }).records());
    }
}
