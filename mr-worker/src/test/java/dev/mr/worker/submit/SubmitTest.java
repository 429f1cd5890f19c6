package dev.mr.worker.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.worker.local.LocalJobRunnerTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mr-submit is where users act: a job defined by flags must run, and every mistake on the
 * command line must end with exit status 2 and a sentence naming it.
 */
class SubmitTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;
    private Path jar;

    @BeforeEach
    void setUp() throws Exception {
        savedErr = System.err;
        System.setErr(new PrintStream(new TeeStream(err, savedErr), true));
        jar = dir.resolve("job.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.flush();
        }
    }

    @AfterEach
    void tearDown() {
        System.setErr(savedErr);
        System.clearProperty("mr.framework");
    }

    @Test
    void runsAJobDefinedByFlagsLocally() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "apple\navocado\nbanana\n");
        Path out = dir.resolve("out");
        int status = Submit.run(new String[] {"--local", "--jar", jar.toString(), "--name", "flags",
                "--mapper", LocalJobRunnerTest.LineLengthMapper.class.getName(),
                "--combiner", LocalJobRunnerTest.SumReducer.class.getName(),
                "--reducer", LocalJobRunnerTest.SumReducer.class.getName(),
                "--reducers", "1", "--input", in.toString(), "--output", out.toString(), "-D", "mr.sort.buffer.mb=1"});
        assertEquals(0, status, err.toString());
        assertEquals(List.of("a\t12", "b\t6"), Files.readAllLines(out.resolve("part-r-00000")));
        assertTrue(err.toString().contains("map 100% reduce 100%"), err.toString());
    }

    @Test
    void missingClassExitsWithTwoAndNamesIt() {
        int status = Submit.run(new String[] {"--local", "--jar", jar.toString(), "--mapper", "com.acme.Missing",
                "--reducers", "0", "--input", dir.toString(), "--output", dir.resolve("out").toString()});
        assertEquals(2, status);
        assertTrue(err.toString().contains("mr-submit: mapper class com.acme.Missing (mr.mapper.class) not found in job.jar"), err.toString());
    }

    @Test
    void incompleteDefinitionsAreRefused() {
        assertEquals(2, Submit.run(new String[] {"--local", "--jar", jar.toString(), "--input", "x", "--output", "y"}));
        assertTrue(err.toString().contains("mr-submit: --jar needs --mapper CLASS"), err.toString());
        assertEquals(2, Submit.run(new String[] {"--local", dir.resolve("nope.jar").toString(), "Main"}));
        assertTrue(err.toString().contains("mr-submit: jar " + dir.resolve("nope.jar") + " does not exist"), err.toString());
        assertEquals(2, Submit.run(new String[] {"--local", jar.toString(), "com.acme.Driver"}));
        assertTrue(err.toString().contains("mr-submit: class com.acme.Driver not found in job.jar"), err.toString());
    }

    @Test
    void aFileThatIsNotAJarIsRefusedNamingIt() throws Exception {
        Path text = Files.writeString(dir.resolve("words.txt"), "not a jar\n");
        assertEquals(2, Submit.run(new String[] {"--local", "--jar", text.toString(), "--mapper", "M", "--reducer", "R",
                "--input", "x", "--output", "y"}));
        assertTrue(err.toString().contains("mr-submit: " + text + " is not a jar (zip END header not found): give the jar that holds the job's classes"),
                err.toString());
    }

    @Test
    void clusterSubmissionWithoutAMasterSaysHowToNameOne() {
        int status = Submit.run(new String[] {"--jar", jar.toString(), "--mapper", "M", "--reducers", "0", "--input", "x", "--output", "y"});
        assertEquals(2, status);
        assertTrue(err.toString().contains("no master: give --master URL or set MR_MASTER (or use --local)"), err.toString());
    }

    @Test
    void aJobDefinedByFlagsReadsItsFilesUnderTheirAliasesLocally() throws Exception {
        Path lookup = Files.writeString(dir.resolve("colours.tsv"), "apple\tred\nbanana\tyellow\n");
        Path in = Files.writeString(dir.resolve("in.txt"), "banana\napple\nbanana\ncherry\n");
        Path out = dir.resolve("out");
        int status = Submit.run(new String[] {"--local", "--jar", jar.toString(), "--mapper", LookupMapper.class.getName(),
                "--reducers", "0", "--input", in.toString(), "--output", out.toString(), "-files", lookup + "#colours"});
        assertEquals(0, status, err.toString());
        assertEquals(List.of("banana\tyellow", "apple\tred", "banana\tyellow", "cherry\tno file was shipped with the job as nope; shipped: colours"),
                Files.readAllLines(out.resolve("part-m-00000")));
    }

    @Test
    void anArchiveIsUnpackedIntoADirectoryNamedByItsAliasLocally() throws Exception {
        Path zip = dir.resolve("colours.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("tables/colours.tsv"));
            out.write("apple\tred\n".getBytes());
            out.closeEntry();
        }
        Path in = Files.writeString(dir.resolve("in.txt"), "apple\n");
        Path out = dir.resolve("out");
        int status = Submit.run(new String[] {"--local", "--jar", jar.toString(), "--mapper", ArchiveMapper.class.getName(),
                "--reducers", "0", "--input", in.toString(), "--output", out.toString(), "-archives", zip + "#dict"});
        assertEquals(0, status, err.toString());
        assertEquals(List.of("apple\tred"), Files.readAllLines(out.resolve("part-m-00000")));
    }

    /** Looks each line up in {@code tables/colours.tsv} of the archive shipped as {@code dict}. */
    public static final class ArchiveMapper implements dev.mr.api.Mapper<Long, String, String, String> {
        private final java.util.Map<String, String> colours = new java.util.HashMap<>();

        @Override
        public void setup(dev.mr.api.Context<String, String> context) throws Exception {
            for (String line : Files.readAllLines(context.cacheFile("dict").resolve("tables/colours.tsv"))) {
                colours.put(line.split("\t")[0], line.split("\t")[1]);
            }
        }

        @Override
        public void map(Long offset, String line, dev.mr.api.Context<String, String> context) {
            context.write(line, colours.get(line));
        }
    }

    @Test
    void aFilesPathThatDoesNotExistExitsWithTwoNamingItBeforeTheMasterIsAsked() {
        Path missing = dir.resolve("x/lookup.txt");
        int status = Submit.run(new String[] {"--master", "http://127.0.0.1:1", "--jar", jar.toString(), "--mapper", LookupMapper.class.getName(),
                "--reducers", "0", "--input", "x", "--output", "y", "-files", missing.toString()});
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("mr-submit: -files: " + missing + " does not exist"), err.toString());
        assertEquals(2, Submit.run(new String[] {"--master", "http://127.0.0.1:1", jar.toString(), "com.acme.Driver", "-libjars", missing + ".jar"}));
        assertTrue(err.toString().contains("mr-submit: -libjars: " + missing + ".jar does not exist"), err.toString());
    }

    /** Looks each line up in the file shipped as {@code colours}; an unknown line gets what {@code cacheFile("nope")} says. */
    public static final class LookupMapper implements dev.mr.api.Mapper<Long, String, String, String> {
        private final java.util.Map<String, String> colours = new java.util.HashMap<>();
        private String unknown;

        @Override
        public void setup(dev.mr.api.Context<String, String> context) throws Exception {
            for (String line : Files.readAllLines(context.cacheFile("colours"))) colours.put(line.split("\t")[0], line.split("\t")[1]);
            try {
                context.cacheFile("nope");
            } catch (IllegalArgumentException e) {
                unknown = e.getMessage();
            }
        }

        @Override
        public void map(Long offset, String line, dev.mr.api.Context<String, String> context) {
            context.write(line, colours.getOrDefault(line, unknown));
        }
    }

    /** Keeps the console output visible while the test reads it. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
