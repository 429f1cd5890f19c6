package dev.mr.worker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's cache must stay within its bound without ever taking an entry from a job that
 * uses it, evict the least recently used entries first, keep what it holds across a restart,
 * and never keep bytes that do not match their hash.
 */
class ContentCacheTest {

    @TempDir
    Path dir;

    @Test
    void overItsBoundItEvictsTheLeastRecentlyUsedEntriesNoJobHolds() throws Exception {
        ContentCache cache = new ContentCache(dir.resolve("cache"), dir.resolve("tmp"), 2500);
        byte[] a = bytes(1000, 'a');
        byte[] b = bytes(1000, 'b');
        byte[] c = bytes(1000, 'c');
        Path pa = cache.file("job_1", sha(a), "a", to(a));
        Path pb = cache.file("job_2", sha(b), "b", to(b));
        cache.release("job_1");
        cache.release("job_2");
        cache.file("job_3", sha(a), "a", to(a)); // a is used again: b is now the least recently used
        assertEquals(2, cache.downloads());

        Path pc = cache.file("job_3", sha(c), "c", to(c));
        assertFalse(Files.exists(pb), "b, idle and least recently used, went to make room");
        assertTrue(Files.exists(pa) && Files.exists(pc));

        byte[] d = bytes(1000, 'd');
        Path pd = cache.file("job_3", sha(d), "d", to(d));
        assertTrue(Files.exists(pa) && Files.exists(pc) && Files.exists(pd), "entries a running job holds stay, over the bound or not");
        cache.release("job_3");
        assertFalse(Files.exists(pa), "released, the least recently used went until the cache fit its bound");
        assertEquals(java.util.Set.of(pc, pd), java.util.Set.copyOf(entries()));
    }

    @Test
    void itKeepsItsEntriesAcrossARestartAndDropsUnpackedDirectoriesWithoutTheirFile() throws Exception {
        byte[] a = bytes(100, 'a');
        ContentCache first = new ContentCache(dir.resolve("cache"), dir.resolve("tmp"), 1 << 20);
        Path pa = first.file("job_1", sha(a), "a", to(a));
        Files.createDirectories(dir.resolve("cache").resolve("f".repeat(64) + ".lib"));
        ContentCache second = new ContentCache(dir.resolve("cache"), dir.resolve("tmp"), 1 << 20);
        assertEquals(pa, second.file("job_2", sha(a), "a", target -> {
            throw new AssertionError("downloaded again");
        }));
        assertEquals(0, second.downloads());
        assertEquals(List.of(pa), entries());
    }

    @Test
    void bytesThatDoNotMatchTheirHashAreNeverKept() throws Exception {
        ContentCache cache = new ContentCache(dir.resolve("cache"), dir.resolve("tmp"), 1 << 20);
        byte[] a = bytes(100, 'a');
        IOException e = assertThrows(IOException.class, () -> cache.file("job_1", sha(bytes(100, 'b')), "the file x", to(a)));
        assertTrue(e.getMessage().startsWith("the file x has SHA-256 " + sha(a)), e.getMessage());
        assertEquals(List.of(), entries());
        try (var left = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, left.count(), "no partial download is left");
        }
    }

    private List<Path> entries() throws IOException {
        try (var s = Files.list(dir.resolve("cache"))) {
            return s.sorted().toList();
        }
    }

    private static ContentCache.Download to(byte[] content) {
        return target -> {
            Files.write(target, content);
            return sha(content);
        };
    }

    private static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    private static String sha(byte[] b) {
        try {
            return FakeMaster.sha256(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
