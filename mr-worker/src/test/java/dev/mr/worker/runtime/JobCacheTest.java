package dev.mr.worker.runtime;

import dev.mr.security.Credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Mapper;
import dev.mr.api.spi.ShippedFiles;
import dev.mr.worker.attempt.LoadedJob;
import dev.mr.protocol.JobSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's classes must come from its own jar (and the jars in its lib/, and its libjars), checked
 * against the hash the master gives, and be fetched once per worker for every job that ships the
 * same bytes, across restarts; a jar that does not match must never be loaded; shipped files must
 * be where Context.cacheFile says. The job here is compiled on the fly, so its mapper exists
 * nowhere but in the jars.
 */
class JobCacheTest {

    static final String SOURCE = """
            package jaronly;
            public class UpperMapper implements dev.mr.api.Mapper<Long, String, String, Long> {
                @Override
                public void map(Long offset, String line, dev.mr.api.Context<String, Long> context) {
                    context.write(line.toUpperCase(), 1L);
                }
            }
            """;

    @TempDir
    Path dir;

    FakeMaster master;
    WorkerDirs dirs;
    JobCache jobs;
    Map<String, String> conf;

    @BeforeEach
    void setUp() throws Exception {
        master = new FakeMaster();
        dirs = new WorkerDirs(dir.resolve("w"));
        dirs.prepare();
        jobs = new JobCache(new MasterClient(master.url(), "worker-test", Duration.ofSeconds(5), Credentials.none()), dirs, new Configuration());
        conf = Map.of(ConfKeys.MAPPER, "jaronly.UpperMapper", ConfKeys.REDUCERS, "1",
                ConfKeys.INPUT_PATHS, dir.resolve("in").toString(), ConfKeys.OUTPUT_PATH, dir.resolve("out").toString());
    }

    @AfterEach
    void tearDown() throws IOException {
        jobs.close();
        master.close();
        dirs.release();
    }

    @Test
    void theJobsClassesComeFromItsJarFetchedOnce() throws Exception {
        master.addJob("job_0001", conf, compiledJar());
        JobCache.JobFiles files = jobs.files("job_0001");
        assertSame(files, jobs.files("job_0001"), "fetched once");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jaronly.UpperMapper", false, getClass().getClassLoader()),
                "fetching a job loads none of its classes");
        LoadedJob job = jobs.loaded(files);
        assertSame(job.loader(), job.definition().mapperClass().getClassLoader(), "the mapper is the jar's");
        assertSame(Mapper.class, job.definition().mapperClass().getInterfaces()[0], "the framework's classes are the worker's");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jaronly.UpperMapper", false, getClass().getClassLoader()));
        assertEquals(master.url(), job.definition().conf().get(ConfKeys.MASTER), "dfs: paths reach this worker's master");
        assertSame(job, jobs.loaded(files), "loaded once");
        assertEquals(1, master.jarRequests.get());
        Path cached = dirs.cache().resolve(master.specs.get("job_0001").jarSha256());
        assertEquals(cached, files.jar(), "the jar is cached by its hash");

        jobs.cleanUp("job_0001");
        assertTrue(Files.isRegularFile(cached), "the cache outlives the job, for the next one with the same jar");
    }

    @Test
    void aJarWithTheSameHashIsNotDownloadedAgainForTheNextJobNorAfterARestart() throws Exception {
        byte[] jar = compiledJar();
        master.addJob("job_0001", conf, jar);
        Path cached = jobs.files("job_0001").jar();
        Object inode = Files.readAttributes(cached, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        jobs.cleanUp("job_0001");
        master.addJob("job_0002", conf, jar);
        assertEquals(cached, jobs.files("job_0002").jar());
        assertEquals(1, master.jarRequests.get(), "the second job's jar came from the cache");
        assertEquals(1, jobs.downloads());

        jobs.close(); // the worker stops and starts again on its directory
        dirs.prepare();
        jobs = new JobCache(new MasterClient(master.url(), "worker-test", Duration.ofSeconds(5), Credentials.none()), dirs, new Configuration());
        master.addJob("job_0003", conf, jar);
        LoadedJob loaded = jobs.loaded(jobs.files("job_0003"));
        assertEquals("UpperMapper", loaded.definition().mapperClass().getSimpleName());
        assertEquals(1, master.jarRequests.get(), "the cache survived the restart");
        assertEquals(0, jobs.downloads());
        assertEquals(inode, Files.readAttributes(cached, java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "the same file");
    }

    @Test
    void classesInTheJarsUnderLibOfTheJobJarAreOnItsClassPath() throws Exception {
        byte[] outer = jar(Map.of("lib/upper.jar", compiledJar(), "README.txt", "the mapper is in lib/".getBytes()));
        master.addJob("job_0001", conf, outer);
        JobCache.JobFiles files = jobs.files("job_0001");
        Path lib = dirs.cache().resolve(master.specs.get("job_0001").jarSha256() + ".lib").resolve("upper.jar");
        assertEquals(List.of(files.jar(), lib), files.classPath(), "the jar, then its lib/ jars, unpacked once into the cache");
        LoadedJob loaded = jobs.loaded(files);
        assertSame(loaded.loader(), loaded.definition().mapperClass().getClassLoader(), "the mapper comes from lib/upper.jar");
    }

    @Test
    void shippedFilesAppearUnderTheirAliasesAndLibjarsJoinTheClassPath() throws Exception {
        JobSpec.ShippedFile lookup = master.ship("lookup", "file", "1\tone\n2\ttwo\n".getBytes());
        JobSpec.ShippedFile dict = master.ship("dict", "archive", zip(Map.of("words/a.txt", "alpha\n".getBytes())));
        JobSpec.ShippedFile upper = master.ship("upper.jar", "libjar", compiledJar());
        Map<String, String> shipping = new java.util.HashMap<>(conf);
        shipping.put(ConfKeys.JOB_FILES, "/on/the/client/lookup.txt#lookup");
        shipping.put(ConfKeys.JOB_ARCHIVES, "/on/the/client/dict.zip#dict");
        shipping.put(ConfKeys.JOB_LIBJARS, "/on/the/client/upper.jar");
        master.addJob("job_0001", shipping, jar(Map.of("README.txt", "no classes here".getBytes())), List.of(lookup, dict, upper));

        JobCache.JobFiles files = jobs.files("job_0001");
        Configuration c = files.conf();
        assertEquals("1\tone\n2\ttwo\n", Files.readString(ShippedFiles.cacheFile(c, "lookup")));
        assertEquals("alpha\n", Files.readString(ShippedFiles.cacheFile(c, "dict").resolve("words/a.txt")));
        assertTrue(ShippedFiles.cacheFile(c, "lookup").startsWith(dirs.jobDir("job_0001")), "in the job's directory");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShippedFiles.cacheFile(c, "nope"));
        assertEquals("no file was shipped with the job as nope; shipped: lookup, dict", e.getMessage());
        assertEquals(dirs.cache().resolve(upper.sha256()), files.classPath().get(1));
        LoadedJob loaded = jobs.loaded(files);
        assertSame(loaded.loader(), loaded.definition().mapperClass().getClassLoader(), "the mapper comes from the libjar");
        assertEquals(3, master.fileRequests.get());

        master.addJob("job_0002", shipping, jar(Map.of("README.txt", "no classes here".getBytes())), List.of(lookup, dict, upper));
        jobs.files("job_0002");
        assertEquals(3, master.fileRequests.get(), "the same files for another job come from the cache");
        Path unpacked = ShippedFiles.cacheFile(c, "dict").toRealPath();
        jobs.cleanUp("job_0001");
        org.apache.commons.io.file.PathUtils.delete(dirs.jobDir("job_0001")); // as the worker does once the job ended
        assertTrue(Files.isRegularFile(unpacked.resolve("words/a.txt")), "deleting a job's links leaves the cache alone");
        assertTrue(Files.exists(ShippedFiles.cacheFile(jobs.files("job_0002").conf(), "lookup")));
    }

    @Test
    void aJarThatDoesNotMatchItsHashIsRefused() throws Exception {
        master.addJob("job_0002", conf, compiledJar());
        master.specs.put("job_0002", new JobSpec("job_0002", conf, "00".repeat(32)));
        Exception e = assertThrows(IOException.class, () -> jobs.files("job_0002"));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertFalse(Files.exists(dirs.cache().resolve("00".repeat(32))));
        try (var left = Files.list(dirs.tmp())) {
            assertEquals(List.of(), left.toList(), "no partial download is left");
        }
    }

    private byte[] compiledJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/jaronly")).resolve("UpperMapper.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String api = Path.of(Mapper.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", api, src.toString());
        assertEquals(0, rc, "javac");
        return jar(Map.of("jaronly/UpperMapper.class", Files.readAllBytes(classes.resolve("jaronly/UpperMapper.class"))));
    }

    static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
