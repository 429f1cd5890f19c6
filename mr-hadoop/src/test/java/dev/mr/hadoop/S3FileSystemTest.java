package dev.mr.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.fs.BlockLocation;
import dev.mr.api.fs.FileStatus;
import dev.mr.api.fs.FileSystem;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.fs.FsPath;
import dev.mr.api.fs.SeekableInput;
import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mr's {@link FileSystem} contract on {@code s3a:}, as far as it applies to an object store: files
 * are written once and refused when present, missing paths are {@link FileNotFoundException}s
 * naming them, listings are sorted, reads seek anywhere, and no host holds a block (no locality).
 */
class S3FileSystemTest {

    private static S3Server s3;
    private static FileSystems fss;
    private static FileSystem fs;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3Server.start("bucket");
        fss = new FileSystems(s3.conf());
        fs = fss.get("s3a");
    }

    @AfterAll
    static void stop() throws Exception {
        fss.close();
        s3.close();
    }

    private static FsPath p(String s) {
        return FsPath.parse(s, "file");
    }

    private static void write(FsPath path, byte[] bytes) throws Exception {
        try (OutputStream out = fs.create(path)) {
            out.write(bytes);
        }
    }

    @Test
    void keepsTheContractOnCreateRenameAndMissingPaths() throws Exception {
        assertInstanceOf(HadoopFileSystem.class, fs);
        write(p("s3a://bucket/fs/a"), new byte[] {1, 2, 3});
        assertThrows(FileAlreadyExistsException.class, () -> fs.create(p("s3a://bucket/fs/a")));
        write(p("s3a://bucket/fs/b"), new byte[] {4});
        assertThrows(FileAlreadyExistsException.class, () -> fs.rename(p("s3a://bucket/fs/a"), p("s3a://bucket/fs/b")));
        FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> fs.status(p("s3a://bucket/fs/none")));
        assertEquals("s3a://bucket/fs/none does not exist", missing.getMessage());
        assertThrows(FileNotFoundException.class, () -> fs.open(p("s3a://bucket/fs/none")));
        assertThrows(FileNotFoundException.class, () -> fs.list(p("s3a://bucket/nodir")));
        assertFalse(fs.exists(p("s3a://bucket/fs/none")));
        fs.rename(p("s3a://bucket/fs/a"), p("s3a://bucket/fs/c")); // a copy on S3: fine for a file, never used to commit
        assertEquals(List.of("b", "c"), fs.list(p("s3a://bucket/fs")).stream().map(s -> s.path().name()).toList());
        FileStatus c = fs.status(p("s3a://bucket/fs/c"));
        assertEquals(3, c.length());
        assertFalse(c.directory());
        assertTrue(fs.status(p("s3a://bucket/fs")).directory());
        fs.mkdirs(p("s3a://bucket/fs/empty"));
        assertTrue(fs.status(p("s3a://bucket/fs/empty")).directory());
        assertTrue(fs.delete(p("s3a://bucket/fs"), true));
        assertFalse(fs.exists(p("s3a://bucket/fs/b")));
        assertFalse(fs.delete(p("s3a://bucket/fs"), true));
    }

    @Test
    void seeksAnywhereAndNamesNoHost() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(5).nextBytes(bytes);
        write(p("s3a://bucket/seek/f"), bytes);
        Random r = new Random(3);
        try (SeekableInput in = fs.open(p("s3a://bucket/seek/f"))) {
            assertEquals(bytes.length, in.length());
            for (int i = 0; i < 20; i++) {
                int at = r.nextInt(bytes.length);
                in.seek(at);
                byte[] got = new byte[Math.min(bytes.length - at, 1 + r.nextInt(50_000))];
                int n = in.readNBytes(got, 0, got.length);
                assertEquals(got.length, n);
                for (int k = 0; k < n; k++) if (got[k] != bytes[at + k]) throw new AssertionError("byte " + (at + k) + " differs");
                assertEquals(at + n, in.position());
            }
            in.seek(bytes.length);
            assertEquals(-1, in.read());
        }
        List<BlockLocation> blocks = fs.locations(p("s3a://bucket/seek/f"), 0, bytes.length);
        assertFalse(blocks.isEmpty());
        for (BlockLocation b : blocks) assertEquals(List.of(), b.hosts(), "an object store has no host to prefer");
    }
}
