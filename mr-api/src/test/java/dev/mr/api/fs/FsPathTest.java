package dev.mr.api.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Paths come from users; they must normalize predictably and never escape their root. */
class FsPathTest {

    @Test
    void parsesSchemesAndDefaults() {
        assertEquals(new FsPath("dfs", "/a/b"), FsPath.parse("dfs:/a//b/", "file"));
        assertEquals(new FsPath("dfs", "/a"), FsPath.parse("dfs:///a", "file"));
        assertEquals(new FsPath("dfs", "/x"), FsPath.parse("/x", "dfs"));
        assertEquals(new FsPath("dfs", "/rel/x"), FsPath.parse("rel/./x", "dfs"));
        assertEquals(new FsPath("file", Paths.get("rel").toAbsolutePath().toString()), FsPath.parse("rel", "file"));
        assertEquals("dfs:/a/b", FsPath.parse("dfs:/a/b", "file").toString());
    }

    @Test
    void keepsTheAuthorityOfStoresReachedThroughOne() {
        FsPath p = FsPath.parse("hdfs://nn.example.com:8020/logs//2026/", "file");
        assertEquals(new FsPath("hdfs", "nn.example.com:8020", "/logs/2026"), p);
        assertEquals("hdfs://nn.example.com:8020/logs/2026", p.toString());
        assertEquals(p, FsPath.parse(p.toString(), "file"));
        assertEquals("s3a://bucket/out/part-r-00000", FsPath.parse("s3a://bucket/out", "file").child("part-r-00000").toString());
        assertEquals("s3a://bucket/", FsPath.parse("s3a://bucket", "file").toString());
        assertEquals(new FsPath("hdfs", "/in"), FsPath.parse("hdfs:///in", "file"));
        assertTrue(!FsPath.parse("s3a://other/out/x", "file").isUnder(FsPath.parse("s3a://bucket/out", "file")));
        assertTrue(FsPath.parse("s3a://bucket/out/x", "file").isUnder(FsPath.parse("s3a://bucket/out", "file")));
        assertEquals(FsPath.parse("s3a://bucket/", "file"), FsPath.parse("s3a://bucket/a", "file").parent());
    }

    @Test
    void refusesEscapesAndControlCharacters() {
        assertEquals("path dfs:/a/../b contains '..'; give a path without it",
                assertThrows(IllegalArgumentException.class, () -> FsPath.parse("dfs:/a/../b", "file")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FsPath.parse("dfs:/a\0b", "file"));
        assertThrows(IllegalArgumentException.class, () -> FsPath.parse("dfs:/a\nb", "file"));
        assertThrows(IllegalArgumentException.class, () -> FsPath.parse("dfs://host/a", "file"));
        assertThrows(IllegalArgumentException.class, () -> FsPath.parse("file://host/a", "file"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FsPath.parse("hdfs://n n/a", "file")).getMessage()
                .contains("malformed authority 'n n'"));
        String secret = assertThrows(IllegalArgumentException.class, () -> FsPath.parse("s3a://AKIA:s3cr3t@bucket/in", "file")).getMessage();
        assertTrue(secret.contains("carries credentials") && secret.contains("bucket") && !secret.contains("s3cr3t"), secret);
        assertThrows(IllegalArgumentException.class, () -> FsPath.parse(" ", "file"));
    }

    @Test
    void navigates() {
        FsPath p = FsPath.parse("dfs:/a/b", "file");
        assertEquals("b", p.name());
        assertEquals(FsPath.parse("dfs:/a", "file"), p.parent());
        assertEquals(FsPath.parse("dfs:/", "file"), p.parent().parent().parent());
        assertTrue(p.isUnder(FsPath.parse("dfs:/a", "file")));
        assertTrue(!FsPath.parse("dfs:/ab", "file").isUnder(FsPath.parse("dfs:/a", "file")));
        assertThrows(IllegalArgumentException.class, () -> p.child(".."));
    }
}
