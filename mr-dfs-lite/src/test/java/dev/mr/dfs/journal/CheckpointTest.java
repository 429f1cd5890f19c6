package dev.mr.dfs.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceOp;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written as one frame had a size cliff: past a few hundred thousand files it could
 * be written but not read, and the master could not start. These prove a checkpoint of many
 * frames reads back identical, that one missing its trailer or with a bad frame is unreadable
 * (and the journal falls back on the older one), and that a checkpoint of the old single-frame
 * format still reads, so an upgrade starts.
 */
class CheckpointTest {

    @TempDir
    Path dir;

    final FailStop neverCalled = (reason, cause) -> fail("the journal stopped though no write failed: " + reason);

    static void op(Journal j, Namespace ns, NamespaceOp op) throws IOException {
        ns.check(op);
        j.append(op);
        ns.apply(op);
    }

    /** Directories, open and closed files with chunks: every kind of entry. */
    static void fill(Journal j, Namespace ns, String prefix, int files) throws IOException {
        long t = 10;
        op(j, ns, new NamespaceOp.Mkdirs(prefix + "/empty/dir", t++));
        for (int i = 0; i < files; i++) {
            long inode = ns.nextInode();
            op(j, ns, new NamespaceOp.Create(prefix + "/d" + i % 7 + "/file-" + i, inode, 1 + i % 3, 100, "writer-" + i % 2, t++));
            long chunk = ns.nextChunk().seq();
            op(j, ns, new NamespaceOp.AddChunk(inode, chunk));
            op(j, ns, new NamespaceOp.CommitChunk(inode, chunk, 100, i));
            if (i % 5 != 0) op(j, ns, new NamespaceOp.Close(inode, 100, t++));
        }
    }

    static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    static List<Integer> frameSizes(Path file) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        try (FrameReader r = FrameReader.open(file)) {
            for (byte[] p = r.next(); p != null; p = r.next()) sizes.add(p.length);
        }
        return sizes;
    }

    @Test
    void aNamespaceLargerThanOneFrameCheckpointsInManyAndRecoversIdentical() throws IOException {
        int batch = 1024;
        Namespace ns;
        try (Journal j = new Journal(dir, neverCalled, FrameLog.FILES, batch)) {
            ns = j.recover();
            fill(j, ns, "/big", 300);
            j.checkpoint(ns);
        }
        List<Integer> sizes = frameSizes(only(dir, "checkpoint-"));
        assertTrue(sizes.size() > 20, "many frames: " + sizes.size());
        for (int s : sizes) assertTrue(s <= batch + 400, "each frame about the batch size, one entry over at most: " + s);
        Journal again = new Journal(dir, neverCalled, FrameLog.FILES, batch);
        assertEquals(ns.image(), again.recover().image());
        assertEquals(List.of(), again.warnings());
        again.close();
    }

    @Test
    void aCheckpointWithoutItsTrailerOrWithABadFrameIsUnreadableAndTheOlderOneIsUsed() throws IOException {
        for (String damage : List.of("no trailer", "bad frame")) {
            Path d = Files.createDirectories(dir.resolve(damage.replace(' ', '-')));
            Path saved = Files.createDirectories(dir.resolve("saved-" + damage.replace(' ', '-')));
            Namespace ns;
            try (Journal j = new Journal(d, neverCalled, FrameLog.FILES, 512)) {
                ns = j.recover();
                fill(j, ns, "/before", 40);
                j.checkpoint(ns);
                fill(j, ns, "/between", 10);
                // keep the files the next checkpoint removes, as a crash before the removal would
                try (Stream<Path> files = Files.list(d)) {
                    for (Path p : (Iterable<Path>) files::iterator) Files.copy(p, saved.resolve(p.getFileName()));
                }
                j.checkpoint(ns);
                fill(j, ns, "/after", 10);
            }
            try (Stream<Path> files = Files.list(saved)) {
                for (Path p : (Iterable<Path>) files::iterator) Files.copy(p, d.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Path newest = only(d, "checkpoint-");
            List<Integer> sizes = frameSizes(newest);
            if (damage.equals("no trailer")) {
                try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
                    ch.truncate(ch.size() - Frames.HEADER - sizes.get(sizes.size() - 1));
                }
            } else {
                byte[] bytes = Files.readAllBytes(newest);
                bytes[Frames.HEADER + sizes.get(0) + Frames.HEADER + 5] ^= 1; // inside the first batch
                Files.write(newest, bytes);
            }
            Journal again = new Journal(d, neverCalled);
            assertEquals(ns.image(), again.recover().image(), damage + ": the older checkpoint and both logs give everything back");
            assertEquals(1, again.warnings().size(), again.warnings().toString());
            assertTrue(again.warnings().get(0).contains(newest.getFileName().toString()), again.warnings().get(0));
            again.close();
        }
    }

    @Test
    void aCheckpointOfTheSingleFrameFormatStillReads() throws IOException {
        Namespace ns;
        try (Journal j = new Journal(dir, neverCalled)) {
            ns = j.recover();
            fill(j, ns, "/old", 20);
        }
        // the layout the previous format left: the whole image in one frame, and an empty log
        for (Path p : List.of(only(dir, "checkpoint-"), only(dir, "log-"))) Files.delete(p);
        try (FileChannel ch = FileChannel.open(dir.resolve("checkpoint-0000000000000007"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(Frames.frame(new ObjectMapper().writeValueAsBytes(ns.image())));
        }
        Files.write(dir.resolve("log-0000000000000007"), new byte[0]);
        try (Journal j = new Journal(dir, neverCalled)) {
            assertEquals(ns.image(), j.recover().image());
        }
    }

    @Test
    void aHoleInTheLogsRefusesTheStart() throws IOException {
        try (Journal j = new Journal(dir, neverCalled)) {
            Namespace ns = j.recover();
            fill(j, ns, "/x", 3);
        }
        Path log = only(dir, "log-");
        long n = Long.parseLong(log.getFileName().toString().substring(4));
        Files.write(dir.resolve(String.format("log-%016d", n + 2)), new byte[0]);
        IOException e = assertThrows(IOException.class, () -> new Journal(dir, neverCalled).recover());
        assertTrue(e.getMessage().contains(String.format("log-%016d", n + 1)) && e.getMessage().contains("backup"), e.getMessage());
    }
}
