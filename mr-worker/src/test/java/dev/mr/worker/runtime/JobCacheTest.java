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
 * A job's classes must come from its own jar, checked against the hash the master gives, and
 * be fetched once per job; a jar that does not match must never be loaded. The job here is
 * compiled on the fly, so its mapper exists nowhere but in the jar.
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
        assertTrue(Files.isRegularFile(dirs.jar("job_0001")));

        jobs.cleanUp("job_0001");
        assertFalse(Files.exists(dirs.jar("job_0001")));
    }

    @Test
    void aJarThatDoesNotMatchItsHashIsRefused() throws Exception {
        master.addJob("job_0002", conf, compiledJar());
        master.specs.put("job_0002", new JobSpec("job_0002", conf, "00".repeat(32)));
        Exception e = assertThrows(IOException.class, () -> jobs.files("job_0002"));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertFalse(Files.exists(dirs.jar("job_0002")));
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry("jaronly/UpperMapper.class"));
            jar.write(Files.readAllBytes(classes.resolve("jaronly/UpperMapper.class")));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
