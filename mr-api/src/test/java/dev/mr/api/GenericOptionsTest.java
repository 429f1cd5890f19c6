package dev.mr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.spi.ShippedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drivers take Hadoop-style -D settings and -files/-libjars/-archives among their own arguments;
 * every form must parse, and a side file that is not there must be refused at once, naming it.
 */
class GenericOptionsTest {

    @TempDir
    Path dir;

    @Test
    void sideFilesSetTheirKeysWhereverTheyComeAndTasksFindThemByAlias() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        Path x = Files.writeString(dir.resolve("x.jar"), "not really a jar");
        Path z = Files.writeString(dir.resolve("dict.zip"), "nor a zip");
        GenericOptions o = GenericOptions.parse("in", "-files", a + "," + b + "#bee", "-libjars", x.toString(), "out",
                "-archives", "file:" + z + "#dict", "-files", "file://" + a + "#again");
        assertEquals(List.of("in", "out"), o.args());
        assertEquals(a + "," + b + "#bee,file://" + a + "#again", o.conf().get(ConfKeys.JOB_FILES), "repeated, appended");
        assertEquals(x.toString(), o.conf().get(ConfKeys.JOB_LIBJARS));
        List<ShippedFiles.Entry> all = ShippedFiles.check(o.conf());
        assertEquals(List.of("a.txt", "bee", "again", "dict", "x.jar"), all.stream().map(ShippedFiles.Entry::alias).toList());
        assertEquals(a, all.get(2).local(), "file:// is a local path");
        o.conf().set(ShippedFiles.LOCAL_DIR, "/w/jobs/job_0001/files");
        assertEquals(Path.of("/w/jobs/job_0001/files/bee"), ShippedFiles.cacheFile(o.conf(), "bee"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShippedFiles.cacheFile(o.conf(), "x.jar"));
        assertEquals("no file was shipped with the job as x.jar; shipped: a.txt, bee, again, dict", e.getMessage());
    }

    /**
     * A file or an archive may live in a store ({@code -files hdfs://nn/lookup.txt}): it is taken
     * as given (the submitter downloads it, and a missing one is refused then), and ships under its
     * alias or its last segment.
     */
    @Test
    void aSideFileInAStoreShipsUnderItsAliasOrItsName() {
        Configuration conf = GenericOptions.parse("-files", "hdfs://nn:8020/ref/lookup.txt#small,s3a://bucket/a/names.tsv",
                "-archives", "dfs:/dicts/en.zip", "in", "out").conf();
        List<ShippedFiles.Entry> all = ShippedFiles.check(conf);
        assertEquals(List.of("small", "names.tsv", "en.zip"), all.stream().map(ShippedFiles.Entry::alias).toList());
        assertEquals(List.of(true, true, true), all.stream().map(ShippedFiles.Entry::remote).toList());
        assertEquals("hdfs://nn:8020/ref/lookup.txt", all.get(0).path());
        assertThrows(IllegalStateException.class, () -> all.get(0).local());
        assertEquals(false, ShippedFiles.parse(ShippedFiles.Kind.FILE, "file:/x/y.txt").get(0).remote());
    }

    @Test
    void aSideFileThatIsNotThereOrAJarNotLocalOrNamedTwiceIsRefusedNamingIt() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        assertEquals("-files: /x/lookup.txt does not exist",
                assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-files", "/x/lookup.txt", "in")).getMessage());
        assertEquals("-libjars: " + dir + " is not a file",
                assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-libjars", dir.toString())).getMessage());
        assertEquals("-libjars: hdfs://nn:8020/lib/json.jar: only local jars go on the class path (a plain path or file:);"
                + " copy it here first (scripts/mr-dfs cp hdfs://nn:8020/lib/json.jar file:/a/local/path.jar)",
                assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-libjars", "hdfs://nn:8020/lib/json.jar")).getMessage());
        assertEquals("-files: hdfs://nn:8020/ names no file",
                assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-files", "hdfs://nn:8020/")).getMessage());
        assertEquals("-archives: " + a + ": only .zip and .jar archives can be unpacked",
                assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-archives", a.toString())).getMessage());
        assertEquals("-files: " + a + "#../up: '../up' is not a plain file name to ship it as",
                assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-files", a + "#../up")).getMessage());
        assertEquals("-files needs a comma-separated list of files after it",
                assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("in", "-files")).getMessage());
        Configuration twice = GenericOptions.parse("-files", a + "," + a).conf();
        assertEquals("-files: " + a + " and " + a + " are both shipped as a.txt; give one of them another name with #alias",
                assertThrows(IllegalArgumentException.class, () -> ShippedFiles.check(twice)).getMessage());
        Configuration gone = new Configuration().set(ConfKeys.JOB_FILES, dir.resolve("gone.txt") + "#g");
        assertEquals("-files: " + dir.resolve("gone.txt") + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> ShippedFiles.check(gone)).getMessage(), "set with -D: checked at submission");
    }

    @Test
    void separatesSettingsFromArguments() {
        GenericOptions o = GenericOptions.parse("-D", "mr.reducers=4", "-Dfoo=a=b", "--master", "http://m:1", "in", "out", "--", "-D", "x");
        assertEquals(4, o.conf().getInt("mr.reducers", 1));
        assertEquals("a=b", o.conf().get("foo"));
        assertEquals("http://m:1", o.conf().get(ConfKeys.MASTER));
        assertEquals(List.of("in", "out", "-D", "x"), o.args());
    }

    @Test
    void malformedSettingNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenericOptions.parse("-D", "novalue"));
        assertEquals("-D novalue: expected key=value", e.getMessage());
    }

    @Test
    void badNumbersNameTheSetting() {
        Configuration c = new Configuration().set("mr.reducers", "four");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.getInt("mr.reducers", 1));
        assertEquals("setting mr.reducers=four is not an integer", e.getMessage());
    }
}
