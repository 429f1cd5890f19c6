package dev.mr.dfs.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.protocol.AllocateReply;
import dev.mr.dfs.protocol.CloseRequest;
import dev.mr.dfs.protocol.CommitRequest;
import dev.mr.dfs.protocol.CreateReply;
import dev.mr.dfs.protocol.CreateRequest;
import dev.mr.dfs.protocol.AllocateRequest;
import dev.mr.dfs.protocol.HeartbeatReply;
import dev.mr.dfs.protocol.HeartbeatRequest;
import dev.mr.dfs.protocol.ReplicaReport;
import dev.mr.dfs.protocol.ServerCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The master's request handling with a manual clock: a writer's lease expiring reclaims its
 * chunks, a restart enters safe mode and says so until reports arrive, and refusals (no
 * servers, another writer's file) change nothing.
 */
class DfsMetadataTest {

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(1_000);
    final DfsSettings settings = DfsSettings.from(new Configuration()
            .setLong(DfsSettings.CHUNK_SIZE, 100)
            .setLong(DfsSettings.SERVER_EXPIRY_MS, 1000)
            .setLong(DfsSettings.HEARTBEAT_MS, 100)
            .setLong(DfsSettings.LEASE_EXPIRY_MS, 2000));

    DfsMetadata open() throws Exception {
        return DfsMetadata.open(dir.resolve("journal"), settings, clock::get, 1, (reason, cause) -> {
            throw new AssertionError("no write fails here, yet the journal stopped: " + reason, cause);
        });
    }

    static HeartbeatReply beat(DfsMetadata m, String server, List<ReplicaReport> report) {
        return m.heartbeat(new HeartbeatRequest(server, "h-" + server + ":1", "/d/" + server, 1L << 30, 0, report, List.of(), List.of(),
                List.of(), List.of()));
    }

    String write(DfsMetadata m, String path, boolean close) {
        CreateReply f = m.create(new CreateRequest(path, 2, 0, "w1"));
        AllocateReply a = m.allocate(new AllocateRequest(f.file(), "w1", null));
        m.commit(new CommitRequest(f.file(), "w1", a.chunk(), 50, 9, a.targets().stream().map(t -> t.server()).toList()));
        if (close) m.close(new CloseRequest(f.file(), "w1", 50));
        return a.chunk();
    }

    @Test
    void anExpiredLeaseRemovesTheFileAndOrdersItsChunksDeleted() throws Exception {
        try (DfsMetadata m = open()) {
            beat(m, "a", List.of());
            beat(m, "b", List.of());
            String chunk = write(m, "/w/file", false);
            assertEquals(Problem.LEASE, assertThrows(StoreException.class,
                    () -> m.close(new CloseRequest(m.namespace.files().iterator().next().inode(), "w2", 50))).problem());
            clock.addAndGet(1500);
            beat(m, "a", null);
            beat(m, "b", null);
            m.tick();
            assertEquals(1, m.namespace.files().size(), "the lease still holds");
            clock.addAndGet(600);
            beat(m, "a", null);
            m.tick();
            assertTrue(m.namespace.files().isEmpty(), "the file is gone");
            List<ServerCommand> orders = beat(m, "a", null).commands();
            assertEquals(List.of(new ServerCommand(ServerCommand.DELETE, chunk, null, 0, 0)), orders);
        }
    }

    @Test
    void aRestartedMasterIsInSafeModeUntilChunksAreReported() throws Exception {
        String chunk;
        try (DfsMetadata m = open()) {
            beat(m, "a", List.of());
            beat(m, "b", List.of());
            chunk = write(m, "/f", true);
        }
        try (DfsMetadata m = open()) {
            m.tick();
            assertTrue(m.safeMode());
            assertTrue(m.health().safeModeDetail().contains("waiting for chunk reports"));
            assertTrue(m.fsck("/").safeMode());
            HeartbeatReply r = beat(m, "a", null);
            assertTrue(r.sendReport(), "a server unknown since the restart is asked for its report");
            beat(m, "a", List.of(new ReplicaReport(chunk, 50, 9)));
            m.tick();
            assertFalse(m.safeMode());
            assertEquals(1, m.fsck("/").summary().underReplicated(), "one of two replicas reported so far");
        }
    }

    @Test
    void noChunkServerMeansNoAllocationAndNoChange() throws Exception {
        try (DfsMetadata m = open()) {
            CreateReply f = m.create(new CreateRequest("/f", 0, 0, "w1"));
            assertTrue(f.warning().contains("only 0 chunk servers"));
            StoreException e = assertThrows(StoreException.class, () -> m.allocate(new AllocateRequest(f.file(), "w1", null)));
            assertEquals(Problem.UNAVAILABLE, e.problem());
            assertTrue(m.namespace.file(f.file()).chunks().isEmpty());
            assertEquals(0, m.chunkMap.chunkCount());
        }
    }

    /** The master's storage page shows the store's size; only closed files count, each once whatever its replication. */
    @Test
    void totalBytesAddsUpClosedFilesOnly() throws Exception {
        try (DfsMetadata m = open()) {
            beat(m, "a", List.of());
            beat(m, "b", List.of());
            assertEquals(0, m.totalBytes());
            write(m, "/x/one", true);
            write(m, "/x/y/two", true);
            write(m, "/open", false);
            assertEquals(100, m.totalBytes());
        }
    }
}
