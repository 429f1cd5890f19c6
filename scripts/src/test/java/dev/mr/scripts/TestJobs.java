package dev.mr.scripts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs the test jobs ({@code dev.mr.scripts.testjobs}) into a job jar, so the daemons load them only from the jar, as users' classes. */
final class TestJobs {

    private TestJobs() {}

    static Path jar(Path into) throws Exception {
        Path classes = Path.of(TestJobs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = into.resolve("test-jobs.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest());
             Stream<Path> files = Files.walk(classes.resolve("dev/mr/scripts/testjobs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    static final String PKG = "dev.mr.scripts.testjobs.";
}
