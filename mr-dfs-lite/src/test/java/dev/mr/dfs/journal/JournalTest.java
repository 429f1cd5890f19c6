package dev.mr.dfs.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceOp;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal is the namespace's only durable copy: what was appended must come back after a
 * restart, with or without checkpoints in between; a record cut short by a crash must be
 * dropped with a warning rather than stop the master; damage in the middle must stop it.
 */
class JournalTest {

    @TempDir
    Path dir;

    Journal journal() {
        return new Journal(dir, (reason, cause) -> {
            throw new AssertionError("no write fails here, yet the journal stopped: " + reason, cause);
        });
    }

    static void mkdirs(Journal j, Namespace ns, String path) throws IOException {
        NamespaceOp op = new NamespaceOp.Mkdirs(path, 1);
        ns.check(op);
        j.append(op);
        ns.apply(op);
    }

    @Test
    void recoversEveryAppendedOperationAcrossCheckpoints() throws IOException {
        Journal j = journal();
        Namespace ns = j.recover();
        mkdirs(j, ns, "/a");
        j.checkpoint(ns);
        mkdirs(j, ns, "/b");
        mkdirs(j, ns, "/c/d");
        j.close();
        Namespace back = journal().recover();
        assertNotNull(back.lookup("/a"));
        assertNotNull(back.lookup("/b"));
        assertNotNull(back.lookup("/c/d"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "old checkpoints and logs are removed");
        }
    }

    @Test
    void aTornLastRecordIsDroppedWithAWarning() throws IOException {
        Journal j = journal();
        Namespace ns = j.recover();
        mkdirs(j, ns, "/kept");
        mkdirs(j, ns, "/torn");
        Path log = j.currentLog();
        j.close();
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        Journal again = journal();
        Namespace back = again.recover();
        assertNotNull(back.lookup("/kept"));
        assertNull(back.lookup("/torn"));
        List<String> warnings = again.warnings();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("dropped"), warnings.get(0));
        // and the journal keeps working after it
        mkdirs(again, back, "/after");
        again.close();
        assertNotNull(journal().recover().lookup("/after"));
    }

    @Test
    void garbageAfterTheLastRecordIsDropped() throws IOException {
        Journal j = journal();
        Namespace ns = j.recover();
        mkdirs(j, ns, "/kept");
        Path log = j.currentLog();
        j.close();
        Files.write(log, new byte[] {0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, StandardOpenOption.APPEND);
        Journal again = journal();
        assertNotNull(again.recover().lookup("/kept"));
        assertEquals(1, again.warnings().size());
    }

    @Test
    void damageBeforeTheLastLogStopsTheStart() throws IOException {
        Journal j = journal();
        Namespace ns = j.recover();
        mkdirs(j, ns, "/x");
        Path first = j.currentLog();
        j.close();
        // a later log exists: damage in the first is a hole in history, not a torn tail
        long n = Long.parseLong(first.getFileName().toString().replaceAll("^log-", ""));
        Files.write(dir.resolve(String.format("log-%016d", n + 1)), new byte[0]);
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length - 2] ^= 0x40;
        Files.write(first, bytes);
        IOException e = assertThrows(IOException.class, () -> journal().recover());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void damageInTheMiddleOfTheLastLogRefusesInsteadOfDroppingTheOperationsAfterIt() throws IOException {
        Journal j = journal();
        Namespace ns = j.recover();
        mkdirs(j, ns, "/a");
        long damaged = Files.size(j.currentLog());
        mkdirs(j, ns, "/b");
        mkdirs(j, ns, "/c");
        Path log = j.currentLog();
        j.close();
        byte[] bytes = Files.readAllBytes(log);
        bytes[(int) damaged + 12] ^= 0x01; // inside /b's record; /c's stays valid after it
        Files.write(log, bytes);
        IOException e = assertThrows(IOException.class, () -> journal().recover());
        assertTrue(e.getMessage().contains(log.toString()) && e.getMessage().contains("offset " + damaged)
                && e.getMessage().contains("truncate -s " + damaged), e.getMessage());
        assertEquals(bytes.length, Files.size(log), "nothing was cut");
    }
}
