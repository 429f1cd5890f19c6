package dev.mr.dfs.chunkserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mr.dfs.ServerId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which chunk server a writer's first replica goes to, and which store it writes into without
 * HTTP, must follow from the registry the client was given, not from how many servers happen
 * to share the JVM.
 */
class LocalServersTest {

    @TempDir
    Path dir;

    @Test
    void aClientSeesExactlyTheServersOfItsRegistryWhileTheyRun() {
        ChunkStore a = new ChunkStore(dir.resolve("a"), false);
        ChunkStore b = new ChunkStore(dir.resolve("b"), false);
        LocalServers local = new LocalServers();
        assertNull(local.near(), "none running: the master places the first replica");
        local.add(new ServerId("cs-b"), b);
        assertEquals(new ServerId("cs-b"), local.near());
        assertSame(b, local.store(new ServerId("cs-b")));
        local.add(new ServerId("cs-a"), a);
        assertEquals(new ServerId("cs-a"), local.near(), "several: still one, the lowest id");
        assertSame(b, local.store(new ServerId("cs-b")), "a second server takes nothing from the first");
        assertNull(local.store(new ServerId("cs-c")));
        local.remove(new ServerId("cs-a"));
        assertNull(local.store(new ServerId("cs-a")), "a stopped server is written over HTTP");
        assertEquals(new ServerId("cs-b"), local.near());
        assertNull(new LocalServers().store(new ServerId("cs-b")), "another registry knows nothing of these");
    }
}
