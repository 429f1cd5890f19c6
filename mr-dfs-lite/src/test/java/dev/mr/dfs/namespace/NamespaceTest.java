package dev.mr.dfs.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The namespace enforces the store's file rules (write-once files, atomic rename that refuses
 * an existing destination, hidden files while written); each refused op must change nothing,
 * and a checkpoint image must rebuild the same tree.
 */
class NamespaceTest {

    final Namespace ns = new Namespace();
    long time = 1;

    List<ChunkMeta> apply(NamespaceOp op) {
        ns.check(op);
        return ns.apply(op);
    }

    Problem refusal(NamespaceOp op) {
        String before = image();
        Problem p = assertThrows(StoreException.class, () -> ns.check(op)).problem();
        assertEquals(before, image(), "a refused op changes nothing");
        return p;
    }

    String image() {
        try {
            return new ObjectMapper().writeValueAsString(ns.image());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    long file(String path) {
        long inode = ns.nextInode();
        apply(new NamespaceOp.Create(path, inode, 3, 100, "c1", time++));
        long chunk = ns.nextChunk().seq();
        apply(new NamespaceOp.AddChunk(inode, chunk));
        apply(new NamespaceOp.CommitChunk(inode, chunk, 10, 5));
        apply(new NamespaceOp.Close(inode, 10, time++));
        return inode;
    }

    @Test
    void aFileIsHiddenUntilClosedAndItsPathIsTakenMeanwhile() {
        long inode = ns.nextInode();
        apply(new NamespaceOp.Create("/a/b/f", inode, 3, 100, "c1", time++));
        assertNotNull(ns.lookup("/a/b"), "parents are created");
        assertNull(ns.visible("/a/b/f"));
        assertEquals(Problem.BEING_WRITTEN, refusal(new NamespaceOp.Create("/a/b/f", ns.nextInode(), 3, 100, "c2", time)));
        assertEquals(Problem.BEING_WRITTEN, refusal(new NamespaceOp.Rename("/a/b/f", "/a/g", time)));
        apply(new NamespaceOp.Close(inode, 0, time++));
        assertInstanceOf(FileNode.class, ns.visible("/a/b/f"));
        assertEquals(Problem.EXISTS, refusal(new NamespaceOp.Create("/a/b/f", ns.nextInode(), 3, 100, "c2", time)));
    }

    @Test
    void closeChecksTheChunksAddUp() {
        long inode = ns.nextInode();
        apply(new NamespaceOp.Create("/f", inode, 3, 100, "c1", time++));
        long c1 = ns.nextChunk().seq();
        apply(new NamespaceOp.AddChunk(inode, c1));
        assertEquals(Problem.BAD_REQUEST, refusal(new NamespaceOp.AddChunk(inode, c1 + 1)), "the previous chunk is uncommitted");
        assertEquals(Problem.BAD_REQUEST, refusal(new NamespaceOp.Close(inode, 0, time)), "an uncommitted chunk");
        assertEquals(Problem.BAD_REQUEST, refusal(new NamespaceOp.CommitChunk(inode, c1, 101, 0)), "longer than a chunk");
        apply(new NamespaceOp.CommitChunk(inode, c1, 50, 0));
        long c2 = ns.nextChunk().seq();
        apply(new NamespaceOp.AddChunk(inode, c2));
        apply(new NamespaceOp.CommitChunk(inode, c2, 20, 0));
        assertEquals(Problem.BAD_REQUEST, refusal(new NamespaceOp.Close(inode, 70, time)), "a short chunk before the last");
    }

    @Test
    void renameIsRefusedOntoAnythingThatExistsAndMovesWholeDirectories() {
        file("/d/x");
        file("/d/y");
        file("/e/z");
        assertEquals(Problem.EXISTS, refusal(new NamespaceOp.Rename("/d/x", "/d/y", time)));
        assertEquals(Problem.EXISTS, refusal(new NamespaceOp.Rename("/d", "/e", time)));
        assertEquals(Problem.NOT_FOUND, refusal(new NamespaceOp.Rename("/d/x", "/nowhere/x", time)), "the destination's parent must exist");
        assertEquals(Problem.NOT_FOUND, refusal(new NamespaceOp.Rename("/d/nothing", "/d/w", time)));
        assertEquals(Problem.BAD_REQUEST, refusal(new NamespaceOp.Rename("/d", "/d/sub", time)), "not into itself");
        assertEquals(Problem.NOT_A_DIRECTORY, refusal(new NamespaceOp.Rename("/d/x", "/e/z/x", time)));
        apply(new NamespaceOp.Rename("/d", "/e/d2", time++));
        assertNull(ns.lookup("/d"));
        assertEquals("/e/d2/x", ns.lookup("/e/d2/x").path());
    }

    @Test
    void deleteReleasesTheChunksOfEveryFileBelow() {
        file("/t/a");
        file("/t/s/b");
        assertEquals(Problem.NOT_EMPTY, assertThrows(StoreException.class, () -> ns.checkDeleteNonRecursive("/t")).problem());
        List<ChunkMeta> released = apply(new NamespaceOp.Delete("/t", time++));
        assertEquals(2, released.size());
        assertNull(ns.lookup("/t"));
        assertEquals(0, ns.files().size());
        assertEquals(Problem.BAD_REQUEST, refusal(new NamespaceOp.Delete("/", time)));
    }

    @Test
    void filesAndDirectoriesDoNotShareAPath() {
        file("/f");
        assertEquals(Problem.NOT_A_DIRECTORY, refusal(new NamespaceOp.Mkdirs("/f/g", time)));
        assertEquals(Problem.EXISTS, refusal(new NamespaceOp.Mkdirs("/f", time)));
        assertEquals(Problem.NOT_A_DIRECTORY, refusal(new NamespaceOp.Create("/f/g", ns.nextInode(), 3, 100, "c", time)));
        apply(new NamespaceOp.Mkdirs("/dir", time++));
        assertEquals(Problem.IS_A_DIRECTORY, refusal(new NamespaceOp.Create("/dir", ns.nextInode(), 3, 100, "c", time)));
    }

    @Test
    void aCheckpointImageRebuildsTheSameNamespace() {
        file("/a/x");
        file("/a/b/y");
        apply(new NamespaceOp.Mkdirs("/empty/dir", time++));
        long writing = ns.nextInode();
        apply(new NamespaceOp.Create("/a/w", writing, 2, 100, "c9", time++));
        apply(new NamespaceOp.AddChunk(writing, ns.nextChunk().seq()));
        Namespace copy = Namespace.of(ns.image());
        assertEquals(image(), imageOf(copy));
        assertEquals(ns.nextChunk(), copy.nextChunk());
        assertEquals(ns.nextInode(), copy.nextInode());
    }

    static String imageOf(Namespace n) {
        try {
            return new ObjectMapper().writeValueAsString(n.image());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
