package dev.mr.dfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A path must mean exactly one place in the store: these are the forms accepted and the ones refused, with why. */
class DfsPathsTest {

    static String refusal(String path) {
        return assertThrows(IllegalArgumentException.class, () -> DfsPaths.parse(path)).getMessage();
    }

    @Test
    void acceptsTheUsualSpellings() {
        assertEquals("/a/b", DfsPaths.parse("dfs:/a/b").path());
        assertEquals("/a/b", DfsPaths.parse("DFS:/a/b").path());
        assertEquals("/a/b", DfsPaths.parse("/a/b").path());
        assertEquals("/a/b", DfsPaths.parse("dfs:/a/b/").path());
        assertEquals("/", DfsPaths.parse("dfs:/").path());
        assertEquals("/a b/ü", DfsPaths.parse("dfs:/a b/ü").path());
    }

    @Test
    void refusesAmbiguousOrDangerousPaths() {
        assertTrue(refusal("dfs:/a/../b").contains("'..'"));
        assertTrue(refusal("dfs:/a//b").contains("empty segment"));
        assertTrue(refusal("dfs:/a/./b").contains("'.'"));
        assertTrue(refusal("dfs:/a\u0000b").contains("control character"));
        assertTrue(refusal("dfs:/a\nb").contains("control character"));
        assertTrue(refusal("file:/etc/passwd").contains("not in the dfs: store"));
        assertTrue(refusal("dfs://host/a").contains("names a host"));
        assertTrue(refusal("dfs:/" + "x".repeat(256)).contains("longer than 255"));
        assertTrue(refusal("").contains("empty"));
    }

    @Test
    void wirePathsMustAlreadyBeNormal() {
        assertEquals("/a/b", DfsPaths.checkWire("/a/b"));
        assertEquals("/", DfsPaths.checkWire("/"));
        assertThrows(IllegalArgumentException.class, () -> DfsPaths.checkWire("a/b"));
        assertThrows(IllegalArgumentException.class, () -> DfsPaths.checkWire("/a/"));
        assertThrows(IllegalArgumentException.class, () -> DfsPaths.checkWire("/a//b"));
        assertThrows(IllegalArgumentException.class, () -> DfsPaths.checkWire(null));
    }

    @Test
    void chunkIdsHaveOneStringForm() {
        assertEquals("chunk_00000042", new ChunkId(42).toString());
        assertEquals(new ChunkId(42), ChunkId.parse("chunk_00000042"));
        assertThrows(IllegalArgumentException.class, () -> ChunkId.parse("chunk_42"));
        assertThrows(IllegalArgumentException.class, () -> ChunkId.parse("../chunk_00000042"));
        assertThrows(IllegalArgumentException.class, () -> new ServerId("a/b"));
    }
}
